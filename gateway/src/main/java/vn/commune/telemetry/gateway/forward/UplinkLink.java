package vn.commune.telemetry.gateway.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.health.GatewayMetrics;
import vn.commune.telemetry.gateway.spool.Pending;
import vn.commune.telemetry.gateway.spool.SpoolLog;
import vn.commune.telemetry.gateway.spool.SpoolRecord;
import vn.commune.telemetry.protocol.Topics;

/**
 * The connection to the district broker, owned by one sender thread: it connects (Will: the gateway's retained
 * {@code offline} state), announces {@code online}, subscribes to the commands of its devices, and sends the log's
 * messages unchanged (topic, payload, QoS, retain) in the log's drain order, at most {@code maxInFlight} at a time
 * and within the bytes-per-second limit. A message leaves the log when the district broker acknowledged it; when the
 * connection breaks, what was in flight goes back to the front of the log and the sender connects again with a new
 * client (so nothing is resent by the client library behind the log's back). Every message it sends, the Will
 * included, carries the MQTT 5 user property {@code gateway} with the gateway's id ({@link Topics#GATEWAY_PROPERTY}),
 * which the service checks against the inventory.
 */
public final class UplinkLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkLink.class);
    static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;

    private final UplinkSettings settings;
    private final SpoolLog log;
    private final LocalLink local;
    private final String gatewayId;
    private final String stateTopic;
    private final StateText stateText;
    private final List<String> commandFilters;
    private final GatewayMetrics metrics;
    private final TokenBucket bucket;
    private final Set<Pending> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread sender;
    private final Object lock = new Object();
    private volatile boolean running = true;
    private volatile MqttAsyncClient client;
    private volatile int generation;
    private volatile boolean broken;
    /** In-flight window in use: {@code maxInFlight}, or less when the district broker's Receive Maximum is lower. */
    private volatile int window;

    /** The gateway's own state payloads: {@code online} with the time of connection, and the Will. */
    public interface StateText {
        String online(long nowMillis);

        String offline();
    }

    public UplinkLink(UplinkSettings settings, SpoolLog log, LocalLink local, String gatewayId, String stateTopic,
            StateText stateText, List<String> commandFilters, GatewayMetrics metrics) {
        this.settings = settings;
        this.log = log;
        this.local = local;
        this.gatewayId = gatewayId;
        this.stateTopic = stateTopic;
        this.stateText = stateText;
        this.commandFilters = List.copyOf(commandFilters);
        this.metrics = metrics;
        this.bucket = new TokenBucket(settings.bytesPerSecond());
        this.sender = new Thread(this::run, "uplink-sender");
        this.sender.setDaemon(true);
    }

    public void start() {
        sender.start();
    }

    private void run() {
        long backoff = settings.reconnectMin().toMillis();
        while (running) {
            try {
                if (!connect()) {
                    sleep(backoff);
                    backoff = Math.min(settings.reconnectMax().toMillis(), backoff * 2);
                    continue;
                }
                backoff = settings.reconnectMin().toMillis();
                sendWhileConnected();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("uplink: sender failed; reconnecting", e);
                dropConnection();
            }
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private boolean connect() throws InterruptedException {
        int gen = generation + 1;
        MqttAsyncClient next = null;
        try {
            next = new MqttAsyncClient(settings.endpoint().url(), settings.endpoint().clientId(),
                    new MemoryPersistence());
            next.setManualAcks(true);
            next.setCallback(new Callback(gen));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
            options.setReceiveMaximum(65_535);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()));
            options.setConnectionTimeout(15);
            MqttMessage will = new MqttMessage(stateText.offline().getBytes(StandardCharsets.UTF_8), 1, true, null);
            options.setWill(stateTopic, will);
            settings.endpoint().applyTo(options);
            options.setWillMessageProperties(properties());
            generation = gen;
            broken = false;
            window = settings.maxInFlight();
            client = next;
            next.connect(options).waitForCompletion(20_000);
            next.publish(stateTopic, new MqttMessage(stateText.online(System.currentTimeMillis())
                    .getBytes(StandardCharsets.UTF_8), 1, true, properties())).waitForCompletion(20_000);
            if (!commandFilters.isEmpty()) {
                MqttSubscription[] subscriptions = commandFilters.stream().map(f -> {
                    MqttSubscription s = new MqttSubscription(f, 1);
                    s.setRetainAsPublished(true);
                    return s;
                }).toArray(MqttSubscription[]::new);
                next.subscribe(subscriptions).waitForCompletion(20_000);
            }
            metrics.uplinkConnected(true);
            LOG.info("uplink: connected to {}; {} message(s) waiting in the log", settings.endpoint(), log.depth());
            return true;
        } catch (MqttException e) {
            LOG.warn("uplink: cannot connect to {}: {}", settings.endpoint().url(), e.toString());
            if (next != null) {
                closeQuietly(next);
            }
            client = null;
            return false;
        }
    }

    private void sendWhileConnected() throws InterruptedException {
        while (running && !broken) {
            synchronized (lock) {
                while (running && !broken && inFlight.size() >= window) {
                    lock.wait(200);
                }
            }
            if (!running || broken) {
                break;
            }
            Pending pending = log.next();
            if (pending == null) {
                log.awaitWork(200, TimeUnit.MILLISECONDS);
                continue;
            }
            SpoolRecord record;
            try {
                record = log.read(pending);
            } catch (IOException e) {
                // the disk changed under us: the record cannot be sent, keeping it would block its device forever
                LOG.error("spool: cannot read record {} back; it leaves the log unsent: {}", pending.seq(),
                        e.toString());
                log.done(pending);
                metrics.readFailed();
                continue;
            }
            // in flight from here: if the connection breaks while waiting for the rate limit, it goes back
            inFlight.add(pending);
            bucket.acquire(record.payload().length + record.topic().length());
            int gen = generation;
            try {
                MqttMessage message = new MqttMessage(record.payload(), record.qos(), record.retain(), properties());
                client.publish(record.topic(), message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        if (gen == generation && inFlight.remove(pending)) {
                            log.done(pending);
                            metrics.forwarded();
                            synchronized (lock) {
                                lock.notifyAll();
                            }
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable exception) {
                        LOG.debug("uplink: publish of record {} failed: {}", pending.seq(), exception.toString());
                        markBroken(gen);
                    }
                });
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && inFlight.remove(pending)) {
                    // the broker takes fewer unacknowledged messages than we would send: use its window
                    log.requeue(List.of(pending));
                    window = Math.max(1, inFlight.size());
                    LOG.info("uplink: the district broker takes {} message(s) in flight at most", window);
                    continue;
                }
                LOG.warn("uplink: publish failed: {}", e.toString());
                markBroken(gen);
            }
        }
        dropConnection();
    }

    /**
     * The properties of a message sent upstream: the {@code gateway} user property. A new object each time: the client
     * library may set a topic alias on a message's properties while sending it.
     */
    private MqttProperties properties() {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty(Topics.GATEWAY_PROPERTY, gatewayId)));
        return properties;
    }

    private void markBroken(int gen) {
        if (gen == generation) {
            broken = true;
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Forgets the connection: what was in flight goes back to the log, the client is closed. */
    private void dropConnection() {
        metrics.uplinkConnected(false);
        generation++;
        List<Pending> back = new ArrayList<>(inFlight);
        inFlight.clear();
        log.requeue(back);
        MqttAsyncClient old = client;
        client = null;
        if (old != null) {
            closeQuietly(old);
        }
    }

    private static void closeQuietly(MqttAsyncClient old) {
        try {
            if (old.isConnected()) {
                old.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            LOG.debug("uplink: forced disconnect: {}", e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("uplink: close: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (gen == generation) {
                LOG.warn("uplink: connection to {} lost ({}); {} message(s) waiting", settings.endpoint().url(),
                        response, log.depth());
            }
            markBroken(gen);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("uplink: {}", exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttAsyncClient from = client;
            int id = message.getId();
            int qos = message.getQos();
            local.publish(topic, message.getPayload(), qos, message.isRetained()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    // not acknowledged upstream: the district broker delivers it again after a reconnect
                    LOG.warn("commands: {} not passed down: {}", topic, failure.toString());
                    return;
                }
                metrics.commandDown();
                if (qos > 0 && gen == generation && from != null) {
                    try {
                        from.messageArrivedComplete(id, qos);
                    } catch (MqttException e) {
                        LOG.debug("uplink: acknowledgement of command {} not sent: {}", id, e.toString());
                    }
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    /** Stops sending: a planned stop, so the {@code offline} state is published first when connected. */
    @Override
    public void close() {
        running = false;
        MqttAsyncClient current = client;
        if (current != null && current.isConnected()) {
            try {
                current.publish(stateTopic, new MqttMessage(stateText.offline().getBytes(StandardCharsets.UTF_8), 1,
                        true, properties())).waitForCompletion(5000);
                current.disconnect().waitForCompletion(5000);
            } catch (MqttException e) {
                LOG.debug("uplink: clean stop: {}", e.toString());
            }
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            sender.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            closeQuietly(client);
        }
    }
}

package vn.commune.telemetry.gateway.forward;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.health.GatewayMetrics;
import vn.commune.telemetry.gateway.spool.SpoolLog;
import vn.commune.telemetry.gateway.spool.SpoolRecord;

/**
 * The connection to the commune's local broker: a persistent session subscribed to {@code tele/#} with manual
 * acknowledgements. Each message is appended to the log and acknowledged only after the fsync covering it
 * ({@link CommitLoop}). Also publishes the district's commands down to the devices.
 */
public final class LocalLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLink.class);
    /** Session kept by the local broker while the gateway is away (a power cut, an upgrade). */
    static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;

    private final MqttEndpoint endpoint;
    private final SpoolLog log;
    private final CommitLoop commits;
    private final GatewayMetrics metrics;
    private final AtomicInteger epoch = new AtomicInteger();
    private MqttAsyncClient client;

    public LocalLink(MqttEndpoint endpoint, SpoolLog log, CommitLoop commits, GatewayMetrics metrics) {
        this.endpoint = endpoint;
        this.log = log;
        this.commits = commits;
        this.metrics = metrics;
    }

    /** Connects (retrying in the background until the broker answers) and subscribes. */
    public void start() throws MqttException {
        client = new MqttAsyncClient(endpoint.url(), endpoint.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setReceiveMaximum(65_535);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 15);
        options.setKeepAliveInterval(30);
        endpoint.applyTo(options);
        connect(options);
    }

    private void connect(MqttConnectionOptions options) {
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    LOG.warn("local broker {}: cannot connect ({}); retrying", endpoint.url(), exception.toString());
                    retryLater(options);
                }
            });
        } catch (MqttException e) {
            LOG.warn("local broker {}: cannot connect ({}); retrying", endpoint.url(), e.toString());
            retryLater(options);
        }
    }

    private void retryLater(MqttConnectionOptions options) {
        CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS).execute(() -> {
            if (client != null && !client.isConnected()) {
                connect(options);
            }
        });
    }

    /** Publishes a command to the local devices; completes when the local broker acknowledged it. */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            MqttMessage message = new MqttMessage(payload, qos, retain, null);
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    done.completeExceptionally(exception);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            int current = epoch.incrementAndGet();
            metrics.localConnected(true);
            LOG.info("local broker {}: connected{}", serverUri, reconnect ? " again" : "");
            try {
                MqttSubscription subscription = new MqttSubscription("tele/#", 1);
                subscription.setRetainAsPublished(true);
                // retained states only when the subscription is new (not again at each reconnect)
                subscription.setRetainHandling(1);
                IMqttToken token = client.subscribe(new MqttSubscription[] {subscription});
                token.setActionCallback(new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken done) {
                        LOG.debug("local broker: subscribed to tele/# (connection {})", current);
                    }

                    @Override
                    public void onFailure(IMqttToken done, Throwable exception) {
                        LOG.error("local broker: cannot subscribe to tele/#: {}", exception.toString());
                    }
                });
            } catch (MqttException e) {
                LOG.error("local broker: cannot subscribe to tele/#: {}", e.toString());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int current = epoch.get();
            metrics.received();
            int topicBytes = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (topicBytes > Short.MAX_VALUE || message.getPayload().length + topicBytes + 64 > SpoolRecord.MAX_BODY) {
                // far beyond the protocol's 16 KiB: the service would refuse it; acknowledged, counted, not stored
                metrics.refusedTooLarge();
                LOG.warn("local: a message of {} bytes on {} is too large for the log; refused",
                        message.getPayload().length, topic);
                acknowledgeAfterSync(current, message);
                return;
            }
            try {
                log.append(topic, message.getPayload(), message.getQos(), message.isRetained(),
                        System.currentTimeMillis());
            } catch (IOException | RuntimeException e) {
                // not acknowledged: the broker keeps it in the session and delivers it again after a reconnect
                metrics.appendFailed();
                LOG.error("spool: cannot append a message of {}: {}", topic, e.toString());
                return;
            }
            acknowledgeAfterSync(current, message);
        }

        private void acknowledgeAfterSync(int current, MqttMessage message) {
            if (message.getQos() == 0) {
                return;
            }
            int id = message.getId();
            int qos = message.getQos();
            commits.afterSync(() -> {
                if (epoch.get() != current) {
                    return; // that connection is gone; the broker delivers the message again
                }
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException e) {
                    LOG.debug("local broker: acknowledgement of {} not sent: {}", id, e.toString());
                }
            });
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            epoch.incrementAndGet();
            metrics.localConnected(false);
            LOG.warn("local broker {}: connection lost ({}); reconnecting", endpoint.url(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("local broker {}: {}", endpoint.url(), exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        MqttAsyncClient closing = client;
        try {
            if (closing.isConnected()) {
                closing.disconnect().waitForCompletion(5000);
            }
            closing.close(true);
        } catch (MqttException e) {
            LOG.debug("local broker: close: {}", e.toString());
        }
        metrics.localConnected(false);
    }
}

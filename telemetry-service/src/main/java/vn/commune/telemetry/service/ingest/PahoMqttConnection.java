package vn.commune.telemetry.service.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.service.support.Backoff;

/**
 * {@link MqttConnection} over Paho's MQTT v5 async client: a persistent session (clean start off, session expiry
 * set), a shared subscription, manual acknowledgement, automatic reconnect. Paho's threads only hand messages over
 * to the Vert.x context; nothing else runs on them.
 */
public final class PahoMqttConnection implements MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PahoMqttConnection.class);

    private final Vertx vertx;
    private final Context context;
    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final AtomicLong connection = new AtomicLong();
    private final Promise<Void> firstSubscription = Promise.promise();
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile String lastProblem = "not connected yet";
    private Handler<IncomingMessage> messageHandler = message -> { };
    private Handler<Boolean> connectionHandler = up -> { };
    private final Backoff backoff;
    /** Places for messages handed over and not yet finished ({@link #ack} or {@link #giveUp}). */
    private final InFlightBound places;
    private final LongAdder readPauses = new LongAdder();
    /** The one socket factory of every connection: buffered, with TLS for {@code ssl://}. */
    private final BufferedSocketFactory plainSockets;
    private final BufferedTlsSocketFactory tlsSockets;

    /** Creates the client; nothing connects before {@link #connect()}. Call on the Vert.x context to use. */
    public PahoMqttConnection(Vertx vertx, MqttSettings settings) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        PahoLogger.install();
        try {
            this.client = new MqttAsyncClient(settings.pahoUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + settings.url() + ": " + e, e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        this.places = new InFlightBound(settings.maxInFlight(), lowWater(settings.maxInFlight()));
        this.tlsSockets = settings.tls() == null ? null : settings.tls().socketFactory();
        this.plainSockets = tlsSockets == null ? new BufferedSocketFactory() : null;
    }

    /** Where a paused read resumes: 90 % of the bound, so that one wake-up takes in a tenth of it. */
    private static int lowWater(int maxInFlight) {
        return maxInFlight - Math.max(1, maxInFlight / 10);
    }

    @Override
    public void messageHandler(Handler<IncomingMessage> handler) {
        this.messageHandler = handler;
    }

    @Override
    public void connectionHandler(Handler<Boolean> handler) {
        this.connectionHandler = handler;
    }

    @Override
    public Future<Void> connect() {
        attempt();
        return firstSubscription.future();
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay((int) Math.max(1, settings.reconnectMin().toSeconds()),
                (int) Math.max(1, settings.reconnectMax().toSeconds()));
        options.setReceiveMaximum(Math.min(settings.receiveMaximum(), settings.maxInFlight()));
        if (tlsSockets != null) {
            // an SSLSocketFactory: Paho's ssl:// module accepts nothing else; it checks the broker's name itself
            options.setSocketFactory(tlsSockets);
            options.setHttpsHostnameVerificationEnabled(true);
        } else {
            options.setSocketFactory(plainSockets);
        }
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /** The first connection: Paho reconnects by itself only after one has succeeded, so retry here until then. */
    private void attempt() {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> retryLater(failure));
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private void retryLater(Throwable failure) {
        lastProblem = "cannot connect to " + settings.url() + ": " + reason(failure);
        long delay = backoff.next();
        LOG.warn("MQTT: {}; retrying in {} ms", lastProblem, delay);
        vertx.setTimer(delay, id -> attempt());
    }

    /**
     * Why a connection failed, in one line: Paho's own message, or the TLS failure beneath it with a hint at the
     * setting to check.
     */
    private String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                Throwable root = cause;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                String hint = settings.tls() != null && settings.tls().caFile() != null
                        ? "is the broker's certificate signed by a CA in " + settings.tls().caFile()
                                + ", for the host name of mqtt.url?"
                        : "the JVM's default trust store does not know the broker's CA: set mqtt.tls.ca-file";
                return "TLS handshake failed: " + root.getMessage() + " (" + hint + ")";
            }
        }
        Throwable cause = failure.getCause();
        return cause == null || cause.getMessage() == null ? failure.getMessage()
                : failure.getMessage() + ": " + cause.getMessage();
    }

    private void subscribe() {
        long current = connection.get();
        try {
            MqttSubscription subscription = new MqttSubscription(settings.subscription(), 1);
            // retained messages only when the subscription is new: a restart resuming its session does not read
            // every device's retained state again (the stored history already has them)
            subscription.setRetainHandling(1);
            MqttSubscription[] subscriptions = {subscription};
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    context.runOnContext(v -> subscribed(current, token));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> {
                        lastProblem = "subscription refused: " + failure.getMessage();
                        LOG.error("MQTT: {}", lastProblem);
                    });
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            lastProblem = "cannot subscribe: " + e.getMessage();
            LOG.error("MQTT: {}", lastProblem);
        }
    }

    private void subscribed(long current, IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] > 2) {
            lastProblem = "subscription to " + settings.subscription() + " refused with reason code " + codes[0];
            LOG.error("MQTT: {}", lastProblem);
            return;
        }
        if (current != connection.get()) {
            return;
        }
        connected = true;
        lastProblem = null;
        backoff.reset();
        LOG.info("MQTT: connected to {} as {}, subscribed to {}", settings.url(), settings.clientId(),
                settings.subscription());
        connectionHandler.handle(true);
        firstSubscription.tryComplete();
    }

    @Override
    public void ack(IncomingMessage message) {
        places.release();
        if (message.qos() == 0 || message.connection() != connection.get() || !client.isConnected()) {
            // The broker delivers it again on the new connection; acking an old packet id there would be wrong.
            return;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
        } catch (MqttException e) {
            LOG.warn("MQTT: cannot acknowledge message {} on {}: {}", message.messageId(), message.topic(),
                    e.getMessage());
        }
    }

    @Override
    public void giveUp(IncomingMessage message) {
        places.release();
    }

    @Override
    public long held() {
        return places.held();
    }

    @Override
    public long readPauses() {
        return readPauses.sum();
    }

    @Override
    public long networkReads() {
        return tlsSockets != null ? tlsSockets.networkReads() : plainSockets.networkReads();
    }

    @Override
    public Future<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        Promise<Void> promise = Promise.promise();
        try {
            client.publish(topic, payload, qos, retain, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    context.runOnContext(v -> promise.complete());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> promise.fail(failure));
                }
            });
        } catch (MqttException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public Future<Void> close() {
        closed = true;
        connected = false;
        connection.incrementAndGet();
        return vertx.executeBlocking(() -> {
            try {
                if (client.isConnected()) {
                    client.disconnect(5_000).waitForCompletion(6_000);
                }
            } catch (MqttException e) {
                LOG.debug("MQTT: disconnect: {}", e.getMessage());
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("MQTT: close: {}", e.getMessage());
            }
            if (tlsSockets != null) {
                tlsSockets.close();
            } else {
                plainSockets.close();
            }
            return null;
        });
    }

    /** Paho's callbacks, on Paho's threads: hand over to the context at once. */
    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // the next connection's packet ids mean nothing for messages of this one (and vice versa)
            connection.incrementAndGet();
            connected = false;
            context.runOnContext(v -> {
                lastProblem = "disconnected: " + response.getReasonString() + " " + response.getException();
                if (!closed) {
                    LOG.warn("MQTT: {}; Paho reconnects automatically", lastProblem);
                }
                connectionHandler.handle(false);
            });
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            context.runOnContext(v -> LOG.warn("MQTT: error: {}", exception.getMessage()));
        }

        /**
         * On Paho's callback thread, which this blocks while the service holds {@code mqtt.max-in-flight} messages
         * (until it holds 90 % of them): Paho then stops reading the socket, TCP's window fills, and the broker keeps
         * the rest queued. Memory stays bounded whatever the backlog, whether or not the broker honours Receive
         * Maximum.
         */
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            if (!places.tryTake()) {
                readPauses.increment();
                while (!(places.awaitRoom(1, TimeUnit.SECONDS) && places.tryTake())) {
                    if (closed) {
                        return;
                    }
                }
            }
            IncomingMessage incoming = new IncomingMessage(topic, message.getPayload(), message.getId(),
                    message.getQos(), System.currentTimeMillis(), connection.get(), gatewayProperty(message));
            context.runOnContext(v -> {
                try {
                    messageHandler.handle(incoming);
                } catch (RuntimeException e) {
                    places.release();
                    LOG.error("MQTT: message on {} not handled (the broker delivers it again after a reconnect)",
                            topic, e);
                }
            });
        }

        /**
         * The {@code gateway} user property, null without one; empty (no gateway's id) when it is given twice with
         * different values. Allocates nothing for a message without user properties.
         */
        private String gatewayProperty(MqttMessage message) {
            MqttProperties properties = message.getProperties();
            List<UserProperty> user = properties == null ? null : properties.getUserProperties();
            if (user == null || user.isEmpty()) {
                return null;
            }
            String found = null;
            for (int i = 0; i < user.size(); i++) {
                UserProperty property = user.get(i);
                if (Topics.GATEWAY_PROPERTY.equals(property.getKey())) {
                    if (found != null && !found.equals(property.getValue())) {
                        return "";
                    }
                    found = property.getValue();
                }
            }
            return found;
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publishes complete through their listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            context.runOnContext(v -> subscribe());
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}

package vn.commune.telemetry.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A plain MQTT v5 client for tests: publishes with a bounded window of unacknowledged QoS 1 messages (waiting for
 * every PUBACK before {@link #flush()} returns), and records what it receives on its subscriptions.
 */
public final class MqttTestClient implements AutoCloseable {

    /** A message received on a subscription. */
    public record Received(String topic, byte[] payload, boolean retained, int qos) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final int WINDOW = 1_000;

    private final MqttAsyncClient client;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttTestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a clean session. */
    public static MqttTestClient connect(String brokerUrl, String clientId) {
        return connect(brokerUrl, clientId, null);
    }

    /** Connects with a clean session; {@code username} may be null. */
    public static MqttTestClient connect(String brokerUrl, String clientId, String username) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
            MqttTestClient test = new MqttTestClient(client);
            client.setCallback(new CallbackAdapter(test.received));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setReceiveMaximum(65_535);
            options.setAutomaticReconnect(false);
            if (username != null) {
                options.setUserName(username);
            }
            client.connect(options).waitForCompletion(10_000);
            return test;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect test client to " + brokerUrl + ": " + e, e);
        }
    }

    /** Publishes without waiting for the acknowledgement (at most {@value #WINDOW} outstanding). */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        Throwable earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("an earlier publish failed: " + earlier, earlier);
        }
        try {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no PUBACK for 30 s");
            }
            client.publish(topic, payload, qos, retain, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    failure.compareAndSet(null, exception);
                    window.release();
                }
            });
        } catch (MqttException e) {
            window.release();
            throw new IllegalStateException("publish to " + topic + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes UTF-8 text at QoS 1. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Waits until every message published so far is acknowledged by the broker. */
    public void flush() {
        try {
            if (!window.tryAcquire(WINDOW, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("messages still unacknowledged after 60 s");
            }
            window.release(WINDOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Throwable earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("a publish failed: " + earlier, earlier);
        }
    }

    /** Subscribes at QoS 1 and waits for the SUBACK. */
    public void subscribe(String filter) {
        try {
            client.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException("subscribe to " + filter + " failed: " + e, e);
        }
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a test client: nothing to do about it
        }
    }

    /** Records messages; the other callbacks have nothing to do in tests. */
    private static final class CallbackAdapter implements org.eclipse.paho.mqttv5.client.MqttCallback {
        private final List<Received> sink;

        CallbackAdapter(List<Received> sink) {
            this.sink = sink;
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            sink.add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties props) {
        }
    }
}

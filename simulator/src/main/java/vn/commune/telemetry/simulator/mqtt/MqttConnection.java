package vn.commune.telemetry.simulator.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One MQTT 5 connection (HiveMQ's Netty-based client, sharing event loops with every other connection of the run),
 * behind the few operations the simulator needs. Clean start, no session kept, QoS 1 everywhere.
 */
public final class MqttConnection {

    private static final int KEEP_ALIVE_SECONDS = 60;

    private static final long MAX_RECONNECT_DELAY_SECONDS = 30;

    private final String clientId;
    private final AtomicBoolean connectedOnce;
    private final Mqtt5AsyncClient client;

    private MqttConnection(String clientId, AtomicBoolean connectedOnce, Mqtt5AsyncClient client) {
        this.clientId = clientId;
        this.connectedOnce = connectedOnce;
        this.client = client;
    }

    /**
     * A connection, not yet connected.
     *
     * @param broker        where
     * @param clientId      client id
     * @param username      user name, or null for none
     * @param password      password, or null for none
     * @param willTopic     the Will's topic, or null for no Will
     * @param willPayload   the Will's payload (published retained, QoS 1)
     * @param executor      the event loops shared by every connection
     * @param autoReconnect whether to reconnect by itself after losing an established connection
     */
    public static MqttConnection create(BrokerAddress broker, String clientId, String username, String password,
            String willTopic, byte[] willPayload, MqttClientExecutorConfig executor, boolean autoReconnect) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .executorConfig(executor);
        if (broker.tls() && broker.trust() != null) {
            builder = builder.sslConfig().trustManagerFactory(broker.trust()).applySslConfig();
        } else if (broker.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        AtomicBoolean connectedOnce = new AtomicBoolean();
        if (autoReconnect) {
            builder = builder.addDisconnectedListener(context -> {
                if (connectedOnce.get() && context.getSource() != MqttDisconnectSource.USER) {
                    long delay = Math.min(MAX_RECONNECT_DELAY_SECONDS, 1L << Math.min(5,
                            context.getReconnector().getAttempts()));
                    context.getReconnector().reconnect(true).delay(delay, TimeUnit.SECONDS);
                }
            });
        }
        Mqtt5SimpleAuth auth = auth(username, password);
        if (auth != null) {
            builder = builder.simpleAuth(auth);
        }
        if (willTopic != null) {
            builder = builder.willPublish().topic(willTopic).payload(willPayload).qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true).applyWillPublish();
        }
        return new MqttConnection(clientId, connectedOnce, builder.buildAsync());
    }

    private static Mqtt5SimpleAuth auth(String username, String password) {
        byte[] secret = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        if (username != null && secret != null) {
            return Mqtt5SimpleAuth.builder().username(username).password(secret).build();
        }
        if (username != null) {
            return Mqtt5SimpleAuth.builder().username(username).build();
        }
        return secret == null ? null : Mqtt5SimpleAuth.builder().password(secret).build();
    }

    /** The client id. */
    public String clientId() {
        return clientId;
    }

    /**
     * Connects (again, after a disconnect). A first connection that fails is not retried; once connected, a connection
     * lost without being asked to is retried with growing delays (1 to 30 s).
     */
    public CompletableFuture<Void> connect() {
        return client.connectWith().cleanStart(true).keepAlive(KEEP_ALIVE_SECONDS).send().thenApply(ack -> {
            connectedOnce.set(true);
            return null;
        });
    }

    /** Whether it is connected now. */
    public boolean connected() {
        return client.getState().isConnected();
    }

    /** Publishes at QoS 1; the future completes on the broker's acknowledgement. */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
                .thenApply(result -> {
                    if (result.getError().isPresent()) {
                        throw new IllegalStateException("publish to " + topic + " refused",
                                result.getError().get());
                    }
                    return null;
                });
    }

    /** Subscribes at QoS 1; {@code handler} gets (topic, payload) on a client thread. */
    public CompletableFuture<Void> subscribe(String filter, BiConsumer<String, byte[]> handler) {
        return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(message -> handler.accept(message.getTopic().toString(), message.getPayloadAsBytes()))
                .send().thenApply(ack -> null);
    }

    /** Disconnects asking the broker to publish the Will, as if the device had vanished. */
    public CompletableFuture<Void> disconnectWithWill() {
        return client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
    }

    /** Disconnects normally (the broker drops the Will). */
    public CompletableFuture<Void> disconnect() {
        if (!client.getState().isConnectedOrReconnect()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.disconnect();
    }
}

package vn.commune.telemetry.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
import vn.commune.telemetry.protocol.Topics;

/**
 * A subscriber on the district broker for tests: persistent session, reconnects by itself, so that nothing the
 * broker accepted while it was being restarted is missed. Records everything in arrival order.
 */
final class Collector implements AutoCloseable {

    /** A message received. */
    record Got(String topic, String text, boolean retained, int qos) {
    }

    private final MqttAsyncClient client;
    private final List<Got> got = new CopyOnWriteArrayList<>();
    /** For each message received, in the same order: its topic and its {@code gateway} user properties. */
    private final List<Map.Entry<String, List<String>>> gatewayProperties = new CopyOnWriteArrayList<>();

    Collector(String url, String clientId, String... filters) {
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    List<String> gateways = message.getProperties() == null ? List.of()
                            : message.getProperties().getUserProperties().stream()
                                    .filter(p -> p.getKey().equals(Topics.GATEWAY_PROPERTY))
                                    .map(UserProperty::getValue).toList();
                    gatewayProperties.add(Map.entry(topic, gateways));
                    got.add(new Got(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            message.isRetained(), message.getQos()));
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
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            options.setReceiveMaximum(65_535);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
            client.connect(options).waitForCompletion(10_000);
            MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
            for (int i = 0; i < filters.length; i++) {
                subscriptions[i] = new MqttSubscription(filters[i], 1);
                subscriptions[i].setRetainAsPublished(true);
            }
            client.subscribe(subscriptions).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException("collector cannot connect to " + url + ": " + e, e);
        }
    }

    List<Got> got() {
        return List.copyOf(got);
    }

    /** The {@code gateway} user properties of each message received on {@code topic}, in arrival order. */
    List<List<String>> gatewayProperties(String topic) {
        return gatewayProperties.stream().filter(e -> e.getKey().equals(topic)).map(Map.Entry::getValue).toList();
    }

    List<Got> on(String topic) {
        return got.stream().filter(g -> g.topic().equals(topic)).toList();
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
}

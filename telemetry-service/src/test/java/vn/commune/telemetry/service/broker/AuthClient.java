package vn.commune.telemetry.service.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

/**
 * An MQTT 5 test client that logs in with a username and password, publishes and waits for each PUBACK (whatever its
 * reason code: a broker that refuses by ACL still answers), and records what it receives.
 */
public final class AuthClient implements AutoCloseable {

    private final MqttAsyncClient client;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private AuthClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a clean session; throws {@link MqttException} when the broker refuses. */
    public static AuthClient connect(String url, String clientId, String username, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        AuthClient auth = new AuthClient(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                auth.received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
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
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return auth;
    }

    /** Subscribes at QoS 1; returns the SUBACK's reason code. */
    public int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    /** Publishes at QoS 1 and waits for the PUBACK; returns its reason code (0 accepted, 135 not authorised). */
    public int publish(String topic, String payload, UserProperty... properties) throws MqttException {
        MqttProperties props = new MqttProperties();
        if (properties.length > 0) {
            props.setUserProperties(List.of(properties));
        }
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, props);
        IMqttToken token = client.publish(topic, message);
        try {
            token.waitForCompletion(10_000);
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80) {
                return e.getReasonCode();
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** "topic payload" of every message received, in arrival order. */
    public List<String> received() {
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
}

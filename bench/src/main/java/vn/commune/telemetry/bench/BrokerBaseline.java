package vn.commune.telemetry.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import vn.commune.telemetry.testsupport.MqttTestClient;

/** The broker alone: one plain QoS 1 subscriber consuming the same stream the service would. */
final class BrokerBaseline {

    private BrokerBaseline() {
    }

    /** Messages per second, first publish to last message received. */
    static double run(String brokerUrl, BenchFleet fleet, long messages) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] received = {0};
        MqttAsyncClient subscriber = new MqttAsyncClient(brokerUrl, "bench-baseline-sub", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (++received[0] == messages) {
                    done.countDown();
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
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
        options.setReceiveMaximum(65_535);
        subscriber.connect(options).waitForCompletion(10_000);
        subscriber.subscribe(new MqttSubscription("tele/#", 1)).waitForCompletion(10_000);
        long base = System.currentTimeMillis() - 3_600_000;
        long start;
        try (MqttTestClient publisher = MqttTestClient.connect(brokerUrl, "bench-baseline-pub")) {
            start = System.nanoTime();
            for (long i = 0; i < messages; i++) {
                publisher.publish(fleet.topic(i), fleet.payload(i, base + i / fleet.size()), 1, false);
            }
            publisher.flush();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("baseline subscriber got " + received[0] + " of " + messages);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.disconnect().waitForCompletion(5_000);
        subscriber.close();
        return messages / seconds;
    }
}

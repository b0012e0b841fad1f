package vn.commune.telemetry.simulator;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import vn.commune.telemetry.simulator.mqtt.BrokerAddress;

/**
 * Subscribes to a filter and keeps every message delivered live (retained ones delivered at subscription are kept
 * apart), with its wall-clock arrival time. Cheap to append to, for runs of many thousand messages.
 */
final class TopicRecorder implements AutoCloseable {

    /** A message as delivered. */
    record Delivery(String topic, byte[] payload, boolean retained, long receivedMillis) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Mqtt5BlockingClient client;
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicLong live = new AtomicLong();

    private TopicRecorder(Mqtt5BlockingClient client) {
        this.client = client;
    }

    /** Connects and subscribes at QoS 1. */
    static TopicRecorder subscribe(String brokerUrl, String filter) {
        BrokerAddress broker = BrokerAddress.parse(brokerUrl);
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5()
                .identifier("recorder-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(broker.host()).serverPort(broker.port()).buildBlocking();
        TopicRecorder recorder = new TopicRecorder(client);
        client.connectWith().cleanStart(true).restrictions().receiveMaximum(65_535).applyRestrictions().send();
        client.toAsync().subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(message -> {
                    recorder.deliveries.add(new Delivery(message.getTopic().toString(),
                            message.getPayloadAsBytes(), message.isRetain(), System.currentTimeMillis()));
                    if (!message.isRetain()) {
                        recorder.live.incrementAndGet();
                    }
                })
                .send().join();
        return recorder;
    }

    /** Live deliveries so far. */
    long liveCount() {
        return live.get();
    }

    /** Live deliveries, in arrival order. */
    List<Delivery> live() {
        List<Delivery> result = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (!delivery.retained()) {
                result.add(delivery);
            }
        }
        return result;
    }

    /** Every delivery, retained ones included, in arrival order. */
    List<Delivery> all() {
        return new ArrayList<>(deliveries);
    }

    @Override
    public void close() {
        client.disconnect();
    }
}

package vn.commune.telemetry.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import vn.commune.telemetry.simulator.mqtt.DeviceEndpoint;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;
import vn.commune.telemetry.simulator.mqtt.PublishWindow;

/**
 * Links that record what the devices publish instead of sending it, for tests of the model without a broker. The
 * schedules given at creation are delivered as the broker delivers retained messages: before the run starts.
 */
final class RecordingLinks implements DeviceLinks {

    /** One published message. */
    record Sent(String device, String topic, byte[] payload, boolean retain) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final List<DeviceEndpoint> endpoints;
    private final Map<String, byte[]> retained;
    private final BiConsumer<String, byte[]> sink;
    private final List<Sent> sent = new ArrayList<>();
    private final PublishWindow window = new PublishWindow(1);

    RecordingLinks(List<DeviceEndpoint> endpoints, Map<String, byte[]> retained, BiConsumer<String, byte[]> sink) {
        this.endpoints = endpoints;
        this.retained = retained;
        this.sink = sink;
    }

    /** A factory for {@link Simulation#start(SimulationConfig, Simulation.LinksFactory)}; fills {@code into}. */
    static Simulation.LinksFactory factory(Map<String, byte[]> retained, List<RecordingLinks> into) {
        return (settings, endpoints, mode, sink) -> {
            RecordingLinks links = new RecordingLinks(endpoints, retained, sink);
            into.add(links);
            return links;
        };
    }

    @Override
    public CompletableFuture<Void> open() {
        retained.forEach(sink);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void publish(int device, String topic, byte[] payload, boolean retain) {
        sent.add(new Sent(endpoints.get(device).id(), topic, payload.clone(), retain));
    }

    /** Everything published, in order. */
    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public boolean perDeviceWills() {
        return false;
    }

    @Override
    public void drop(int device) {
        throw new UnsupportedOperationException("recording links have no Will");
    }

    @Override
    public void restore(int device) {
        throw new UnsupportedOperationException("recording links have no Will");
    }

    @Override
    public PublishWindow window() {
        return window;
    }

    @Override
    public long undeliverable() {
        return 0;
    }

    @Override
    public int connectionCount() {
        return 1;
    }

    @Override
    public void close() {
        // nothing to release: the messages stay for the test to read
    }
}

package vn.commune.telemetry.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A pool of connections the devices share: device {@code i} always publishes through connection {@code i mod K}
 * (so its messages keep their order), on its own topics. There is no per-device Will: a device that vanishes is
 * announced with an {@code offline} state carrying its timestamp, and if the simulator itself dies the service's
 * heartbeat timeout (3 missed intervals) finds the devices offline. Connection 0 also receives every commune's
 * schedule.
 */
final class PooledLinks implements DeviceLinks {

    private final MqttExecutor executor;
    private final PublishWindow window;
    private final MqttConnection[] connections;
    private final BiConsumer<String, byte[]> scheduleSink;

    PooledLinks(LinkSettings settings, int devices, int pool, BiConsumer<String, byte[]> scheduleSink) {
        this.executor = new MqttExecutor(settings.nettyThreads());
        this.window = new PublishWindow(settings.maxInFlight());
        this.scheduleSink = scheduleSink;
        int size = Math.max(1, Math.min(pool, Math.max(1, devices)));
        this.connections = new MqttConnection[size];
        for (int i = 0; i < size; i++) {
            connections[i] = MqttConnection.create(settings.broker(), "sim-" + settings.runTag() + "-pool-" + i,
                    settings.username(), settings.password(), null, null, executor.config(), true);
        }
    }

    @Override
    public CompletableFuture<Void> open() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < connections.length; i++) {
            MqttConnection connection = connections[i];
            CompletableFuture<Void> connected = connection.connect();
            if (i == 0) {
                connected = connected.thenCompose(ignored -> ScheduleFeed.start(connection, scheduleSink));
            }
            all.add(connected);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Override
    public void publish(int device, String topic, byte[] payload, boolean retain) throws InterruptedException {
        window.acquire();
        connections[device % connections.length].publish(topic, payload, retain)
                .whenComplete((ignored, failure) -> window.complete(failure));
    }

    @Override
    public boolean perDeviceWills() {
        return false;
    }

    @Override
    public void drop(int device) {
        throw new UnsupportedOperationException("pooled connections have no per-device Will");
    }

    @Override
    public void restore(int device) {
        throw new UnsupportedOperationException("pooled connections have no per-device Will");
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
        return connections.length;
    }

    @Override
    public void close() {
        LinkCloser.close(window, List.of(connections), executor);
    }
}

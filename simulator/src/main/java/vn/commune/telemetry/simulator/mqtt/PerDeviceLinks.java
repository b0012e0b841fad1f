package vn.commune.telemetry.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.protocol.Topics;

/**
 * One connection per device: client id and username are the device id, each registers its own Will and subscribes
 * to its commands ({@code cmd/{deviceId}/+}, received and ignored: their payloads are not specified yet), each
 * loudspeaker subscribes to its commune's schedule itself. A separate control connection receives every commune's schedule (so
 * the retained ones are known before the clock starts). A dropped device's next messages wait (up to the connect
 * timeout) for its reconnection.
 */
final class PerDeviceLinks implements DeviceLinks {

    private static final Logger LOG = LoggerFactory.getLogger(PerDeviceLinks.class);

    private static final int CONCURRENT_CONNECTS = 200;

    private final LinkSettings settings;
    private final List<DeviceEndpoint> devices;
    private final BiConsumer<String, byte[]> scheduleSink;
    private final MqttExecutor executor;
    private final PublishWindow window;
    private final MqttConnection[] connections;
    private final AtomicReferenceArray<CompletableFuture<Void>> ready;
    private final MqttConnection control;
    private final AtomicLong undeliverable = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();

    PerDeviceLinks(LinkSettings settings, List<DeviceEndpoint> devices, BiConsumer<String, byte[]> scheduleSink) {
        this.settings = settings;
        this.devices = List.copyOf(devices);
        this.scheduleSink = scheduleSink;
        this.executor = new MqttExecutor(settings.nettyThreads());
        this.window = new PublishWindow(settings.maxInFlight());
        this.connections = new MqttConnection[devices.size()];
        this.ready = new AtomicReferenceArray<>(devices.size());
        for (int i = 0; i < connections.length; i++) {
            DeviceEndpoint device = devices.get(i);
            connections[i] = MqttConnection.create(settings.broker(), device.id(), device.id(), settings.password(),
                    device.willTopic(), device.willPayload(), executor.config(), true);
        }
        this.control = MqttConnection.create(settings.broker(), "sim-" + settings.runTag() + "-control",
                settings.username(), settings.password(), null, null, executor.config(), true);
    }

    @Override
    public CompletableFuture<Void> open() {
        CompletableFuture<Void> schedules = control.connect()
                .thenCompose(ignored -> ScheduleFeed.start(control, scheduleSink));
        List<CompletableFuture<Void>> all = new ArrayList<>(connections.length + 1);
        all.add(schedules);
        Semaphore concurrent = new Semaphore(CONCURRENT_CONNECTS);
        for (int i = 0; i < connections.length; i++) {
            try {
                concurrent.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Void> connected = connectDevice(i);
            connected.whenComplete((ignored, failure) -> concurrent.release());
            ready.set(i, connected);
            all.add(connected);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> connectDevice(int index) {
        DeviceEndpoint device = devices.get(index);
        MqttConnection connection = connections[index];
        CompletableFuture<Void> connected = connection.connect().thenCompose(ignored -> connection.subscribe(
                Topics.commandFilter(device.id()), (topic, payload) -> commands.incrementAndGet()));
        if (device.scheduleTopic() != null) {
            connected = connected.thenCompose(ignored -> connection.subscribe(device.scheduleTopic(), scheduleSink));
        }
        return connected.handle((ignored, failure) -> {
            if (failure != null) {
                throw new IllegalStateException("device " + device.id() + " cannot connect to " + settings.broker()
                        + ": " + ConnectionFailures.describe(failure), failure);
            }
            return null;
        });
    }

    @Override
    public void publish(int device, String topic, byte[] payload, boolean retain) throws InterruptedException {
        CompletableFuture<Void> link = ready.get(device);
        if (!link.isDone()) {
            try {
                link.get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                undeliverable.incrementAndGet();
                return;
            }
        }
        if (link.isCompletedExceptionally()) {
            undeliverable.incrementAndGet();
            return;
        }
        window.acquire();
        connections[device].publish(topic, payload, retain).whenComplete((ignored, failure) ->
                window.complete(failure));
    }

    @Override
    public boolean perDeviceWills() {
        return true;
    }

    @Override
    public void drop(int device) {
        CompletableFuture<Void> previous = ready.get(device);
        CompletableFuture<Void> dropped = previous.exceptionally(failure -> null)
                .thenCompose(ignored -> connections[device].disconnectWithWill())
                .exceptionally(failure -> null);
        ready.set(device, dropped.thenApply(ignored -> {
            throw new IllegalStateException("device " + devices.get(device).id() + " is disconnected");
        }));
    }

    @Override
    public void restore(int device) {
        CompletableFuture<Void> previous = ready.get(device);
        ready.set(device, previous.handle((ignored, failure) -> null).thenCompose(ignored -> connectDevice(device)));
    }

    @Override
    public PublishWindow window() {
        return window;
    }

    @Override
    public long undeliverable() {
        return undeliverable.get();
    }

    @Override
    public int connectionCount() {
        return connections.length + 1;
    }

    @Override
    public void close() {
        if (commands.get() > 0) {
            LOG.info("devices received {} commands on cmd/{{deviceId}}/+ and ignored them", commands.get());
        }
        List<MqttConnection> all = new ArrayList<>(List.of(connections));
        all.add(control);
        LinkCloser.close(window, all, executor);
    }
}

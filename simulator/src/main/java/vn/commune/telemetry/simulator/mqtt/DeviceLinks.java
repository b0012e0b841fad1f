package vn.commune.telemetry.simulator.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The devices' way to the broker: {@link PerDeviceLinks} (a connection per device) or {@link PooledLinks} (shared
 * connections). Published messages of one device keep their order.
 */
public interface DeviceLinks extends AutoCloseable {

    /** Connects, subscribes to the schedules and waits for the retained ones; fails when a connection fails. */
    CompletableFuture<Void> open();

    /**
     * Publishes a device's message at QoS 1, waiting while the publish window is full.
     *
     * @param device the device's index
     */
    void publish(int device, String topic, byte[] payload, boolean retain) throws InterruptedException;

    /** Whether each device has its own connection and Will. */
    boolean perDeviceWills();

    /** Per-device only: the device vanishes; the broker publishes its Will. */
    void drop(int device);

    /** Per-device only: the device connects again (and subscribes again); its next messages wait for that. */
    void restore(int device);

    /** The window of unacknowledged messages. */
    PublishWindow window();

    /** Messages not sent because the device's connection could not be restored. */
    long undeliverable();

    /** Connections open (or being opened). */
    int connectionCount();

    /** Waits for outstanding acknowledgements (up to the timeout) and disconnects normally. */
    @Override
    void close();

    /** The links for a mode: per-device connections or a pool of {@code pool}. */
    static DeviceLinks create(LinkSettings settings, List<DeviceEndpoint> devices, boolean perDevice, int pool,
            BiConsumer<String, byte[]> scheduleSink) {
        return perDevice
                ? new PerDeviceLinks(settings, devices, scheduleSink)
                : new PooledLinks(settings, devices.size(), pool, scheduleSink);
    }
}

package vn.commune.telemetry.simulator.load;

import java.time.Duration;
import java.util.Objects;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.simulator.ConnectionMode;
import vn.commune.telemetry.simulator.mqtt.BrokerAddress;

/**
 * A load run: statuses at a fixed total rate from the first {@code devices} devices of an inventory, in turn.
 *
 * @param brokerUrl   broker URL
 * @param username    user name of pooled connections, or null
 * @param password    password, or null
 * @param inventory   the fleet (the service should know it)
 * @param devices     how many of its devices send, at least 1
 * @param rate        messages per second across all of them; {@link Double#POSITIVE_INFINITY} for as fast as the
 *                    broker acknowledges
 * @param duration    how long to send (wall clock), or null until stopped
 * @param connections how devices connect
 * @param seed        seed of the status values
 * @param maxInFlight QoS 1 messages awaiting acknowledgement at most
 * @param reportEvery how often to log the achieved rate, heap and CPU
 * @param caFile      the PEM CA certificate(s) trusted for a TLS broker, or null for the JVM's trust store
 */
public record LoadConfig(String brokerUrl, String username, String password, Inventory inventory, int devices,
        double rate, Duration duration, ConnectionMode connections, long seed, int maxInFlight,
        Duration reportEvery, java.nio.file.Path caFile) {

    /** Checks the values. */
    public LoadConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        BrokerAddress.parse(brokerUrl, caFile);
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(reportEvery, "reportEvery");
        if (devices < 1 || devices > inventory.devices().size()) {
            throw new IllegalArgumentException("devices: must be 1 to " + inventory.devices().size()
                    + " (the inventory's devices), got " + devices);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate: must be above 0, got " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration: must be above 0, got " + duration);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: must be at least 1");
        }
    }
}

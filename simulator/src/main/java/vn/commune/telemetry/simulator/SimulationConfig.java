package vn.commune.telemetry.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.mqtt.BrokerAddress;

/**
 * Everything a simulation run needs. Build it with {@link #builder(String, Inventory)}.
 *
 * @param brokerUrl   {@code tcp://host:port} (or {@code ssl://}, {@code mqtt://}, {@code mqtts://})
 * @param username    user name of pooled and control connections (per-device connections use the device id), or null
 * @param password    password of every connection, or null
 * @param inventory   the fleet
 * @param duration    simulated length of the run; null runs until {@link Simulation#stop()}
 * @param speed       simulated seconds per wall second, above 0; {@link Double#POSITIVE_INFINITY} runs as fast as
 *                    the broker takes the messages
 * @param seed        the seed: the same seed and configuration give the same messages and truth
 * @param faults      the faults to inject
 * @param truthFile   where to write the ground truth (JSON lines), or null
 * @param start       simulated start; null: now minus the duration when the run is accelerated (speed above 1), so
 *                    that every timestamp is already past when sent, else now
 * @param connections how devices connect
 * @param intervals   status interval per kind (a device's own interval from the inventory wins); kinds left out get
 *                    PT60S, gateways PT30S
 * @param maxInFlight QoS 1 messages awaiting the broker's acknowledgement at most
 * @param reportEvery how often to log progress (sent, rate, heap, CPU), or null for never
 * @param caFile      the PEM CA certificate(s) trusted for a TLS broker, or null for the JVM's trust store
 */
public record SimulationConfig(String brokerUrl, String username, String password, Inventory inventory,
        Duration duration, double speed, long seed, FaultPlan faults, Path truthFile, Instant start,
        ConnectionMode connections, Map<DeviceKind, Duration> intervals, int maxInFlight, Duration reportEvery,
        Path caFile) {

    /** Default bound of unacknowledged messages. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    /**
     * Checks the values and fills in defaults for null faults, connections and intervals.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public SimulationConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        BrokerAddress.parse(brokerUrl, caFile);
        Objects.requireNonNull(inventory, "inventory");
        if (inventory.devices().isEmpty()) {
            throw new IllegalArgumentException("inventory: it has no devices to simulate");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration: must be above 0, got " + duration);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed: must be above 0, got " + speed);
        }
        if (speed > 1 && duration == null && start == null) {
            throw new IllegalArgumentException("speed: an accelerated run needs a duration (or an explicit start),"
                    + " or its timestamps would run ahead of the wall clock");
        }
        faults = faults == null ? FaultPlan.none() : faults;
        connections = connections == null ? ConnectionMode.auto() : connections;
        intervals = withDefaults(intervals);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: must be at least 1, got " + maxInFlight);
        }
        if (reportEvery != null && (reportEvery.isNegative() || reportEvery.isZero())) {
            throw new IllegalArgumentException("reportEvery: must be above 0, got " + reportEvery);
        }
    }

    private static Map<DeviceKind, Duration> withDefaults(Map<DeviceKind, Duration> given) {
        Map<DeviceKind, Duration> result = new EnumMap<>(DeviceKind.class);
        for (DeviceKind kind : DeviceKind.values()) {
            Duration interval = given == null ? null : given.get(kind);
            if (interval != null && (interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) < 0)) {
                throw new IllegalArgumentException("intervals: " + kind.wireName() + " must be at least PT1S, got "
                        + interval);
            }
            result.put(kind, interval != null ? interval : Device.defaultInterval(kind));
        }
        return Collections.unmodifiableMap(result);
    }

    /** A builder with the defaults: unbounded, real time, seed 1, no faults, auto connections. */
    public static Builder builder(String brokerUrl, Inventory inventory) {
        return new Builder(brokerUrl, inventory);
    }

    /** Whether simulated time runs faster than the wall clock. */
    public boolean accelerated() {
        return speed > 1;
    }

    /** The simulated start, to the millisecond, for a run that begins at wall-clock instant {@code now}. */
    public Instant startAt(Instant now) {
        if (start != null) {
            return start.truncatedTo(ChronoUnit.MILLIS);
        }
        return (accelerated() && duration != null ? now.minus(duration) : now).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Builds a {@link SimulationConfig}. */
    public static final class Builder {
        private final String brokerUrl;
        private final Inventory inventory;
        private String username;
        private String password;
        private Duration duration;
        private double speed = 1;
        private long seed = 1;
        private FaultPlan faults = FaultPlan.none();
        private Path truthFile;
        private Instant start;
        private ConnectionMode connections = ConnectionMode.auto();
        private final Map<DeviceKind, Duration> intervals = new EnumMap<>(DeviceKind.class);
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration reportEvery = Duration.ofSeconds(10);
        private Path caFile;

        private Builder(String brokerUrl, Inventory inventory) {
            this.brokerUrl = brokerUrl;
            this.inventory = inventory;
        }

        /** Credentials (either may be null). */
        public Builder credentials(String newUsername, String newPassword) {
            this.username = newUsername;
            this.password = newPassword;
            return this;
        }

        /** Simulated length; null for unbounded. */
        public Builder duration(Duration newDuration) {
            this.duration = newDuration;
            return this;
        }

        /** Simulated seconds per wall second. */
        public Builder speed(double newSpeed) {
            this.speed = newSpeed;
            return this;
        }

        /** As fast as the broker takes the messages. */
        public Builder unpaced() {
            this.speed = Double.POSITIVE_INFINITY;
            return this;
        }

        /** The seed. */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** The faults. */
        public Builder faults(FaultPlan newFaults) {
            this.faults = newFaults;
            return this;
        }

        /** The truth file, or null. */
        public Builder truthFile(Path newTruthFile) {
            this.truthFile = newTruthFile;
            return this;
        }

        /** The simulated start, or null for the default. */
        public Builder start(Instant newStart) {
            this.start = newStart;
            return this;
        }

        /** How devices connect. */
        public Builder connections(ConnectionMode newConnections) {
            this.connections = newConnections;
            return this;
        }

        /** The status interval of a kind. */
        public Builder interval(DeviceKind kind, Duration interval) {
            this.intervals.put(kind, interval);
            return this;
        }

        /** The bound of unacknowledged messages. */
        public Builder maxInFlight(int newMaxInFlight) {
            this.maxInFlight = newMaxInFlight;
            return this;
        }

        /** The PEM CA certificate(s) trusted for a TLS broker, or null for the JVM's trust store. */
        public Builder caFile(Path newCaFile) {
            this.caFile = newCaFile;
            return this;
        }

        /** How often to log progress, or null for never. */
        public Builder reportEvery(Duration newReportEvery) {
            this.reportEvery = newReportEvery;
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} naming a wrong setting. */
        public SimulationConfig build() {
            return new SimulationConfig(brokerUrl, username, password, inventory, duration, speed, seed, faults,
                    truthFile, start, connections, intervals, maxInFlight, reportEvery, caFile);
        }
    }
}

package vn.commune.telemetry.service.state;

import java.util.Optional;

/**
 * Why a device is in its state. Every cause implies one state, so a transition is an instant and a cause. The first
 * six come from the device's own messages and are stored; the last four are laid over them when a period is read.
 */
public enum Cause {
    /** A status message arrived. */
    STATUS("status", DeviceState.ONLINE),
    /** An event message arrived. */
    EVENT("event", DeviceState.ONLINE),
    /** The device announced {@code online} on its state topic. */
    ONLINE("online", DeviceState.ONLINE),
    /** The device announced {@code offline} with its own timestamp. */
    OFFLINE("offline", DeviceState.OFFLINE),
    /** The device's MQTT Will arrived (stamped on receipt). */
    WILL("will", DeviceState.OFFLINE),
    /** The device missed its statuses for the timeout: offline from its last status plus one interval. */
    TIMEOUT("timeout", DeviceState.OFFLINE),
    /** Nothing was ever heard from the device. */
    NO_DATA("no_data", DeviceState.UNKNOWN),
    /** The device was silent while no instance of the service ran. */
    SERVICE_DOWN("service_down", DeviceState.UNKNOWN),
    /** The device was silent while its gateway was offline. */
    GATEWAY_UNREACHABLE("gateway_unreachable", DeviceState.UNKNOWN),
    /** A declared maintenance window covers the device. */
    MAINTENANCE("maintenance", DeviceState.MAINTENANCE);

    private static final Cause[] VALUES = values();

    private final String wireName;
    private final DeviceState state;

    Cause(String wireName, DeviceState state) {
        this.wireName = wireName;
        this.state = state;
    }

    /** The name in the API, SSE and storage. */
    public String wireName() {
        return wireName;
    }

    /** The state this cause puts the device in. */
    public DeviceState state() {
        return state;
    }

    /**
     * Whether going from this cause to {@code next} changes nothing worth a transition: the same state, and for
     * states other than online the same cause (an outage's cause matters when periods are read, an online one's not).
     */
    public boolean sameAs(Cause next) {
        return this == next || (state == DeviceState.ONLINE && next.state == DeviceState.ONLINE);
    }

    /** The cause with this ordinal (compact storage in memory). */
    static Cause ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The cause with this wire name. */
    public static Optional<Cause> fromWire(String name) {
        for (Cause cause : VALUES) {
            if (cause.wireName.equals(name)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}

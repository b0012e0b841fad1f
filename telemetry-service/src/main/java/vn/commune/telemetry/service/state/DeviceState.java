package vn.commune.telemetry.service.state;

import java.util.Locale;
import java.util.Optional;

/** The one state a device is in at any instant (DESIGN, "State, uptime, coverage"). */
public enum DeviceState {
    /** Reachable: it reported within its timeout. */
    ONLINE,
    /** Not reachable: it said so, its Will came, or it missed its statuses. */
    OFFLINE,
    /** No way to know: never heard, the service was not running, or its gateway was unreachable. */
    UNKNOWN,
    /** Inside a declared maintenance window. */
    MAINTENANCE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in the API, SSE and storage. */
    public String wireName() {
        return wireName;
    }

    /** The state with this wire name. */
    public static Optional<DeviceState> fromWire(String name) {
        for (DeviceState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}

package vn.commune.telemetry.protocol;

import java.util.Optional;

/** The kinds of device that speak wire protocol v1. */
public enum DeviceKind {
    LOUDSPEAKER("loudspeaker"),
    WIFI("wifi"),
    CAMERA("camera"),
    GATEWAY("gateway");

    private final String wireName;

    DeviceKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire, in payloads, inventory files and storage tags. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<DeviceKind> fromWire(String name) {
        for (DeviceKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

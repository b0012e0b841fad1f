package vn.commune.telemetry.protocol;

import java.util.Locale;
import java.util.Optional;

/** The connection state a device announces on {@code tele/{deviceId}/state} (field {@code state}). */
public enum ConnectionState {
    /** Published by the device, retained, right after it connects. */
    ONLINE,
    /** The device's MQTT Will, published by the broker when the device vanishes (or by the device on clean exit). */
    OFFLINE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The value used on the wire ({@code online}, {@code offline}). */
    public String wireName() {
        return wireName;
    }

    /** The state with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<ConnectionState> fromWire(String name) {
        for (ConnectionState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}

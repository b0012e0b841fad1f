package vn.commune.telemetry.protocol;

import java.util.Locale;
import java.util.Optional;

/** The power source a device runs on (status field {@code power}). */
public enum Power {
    /** Grid power. */
    MAINS,
    /** Running on its battery (grid power lost or none). */
    BATTERY,
    /** Solar panel. */
    SOLAR;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The value used on the wire ({@code mains}, {@code battery}, {@code solar}). */
    public String wireName() {
        return wireName;
    }

    /** The power source with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<Power> fromWire(String name) {
        for (Power power : values()) {
            if (power.wireName.equals(name)) {
                return Optional.of(power);
            }
        }
        return Optional.empty();
    }
}

package vn.commune.telemetry.protocol;

import java.util.Locale;
import java.util.Optional;

/** The type of a discrete device event (event field {@code type}). */
public enum EventType {
    /** Grid power was lost; the device runs on battery from now on. */
    POWER_LOST,
    /** Grid power came back. */
    POWER_RESTORED,
    /** A loudspeaker started playing a programme. */
    BROADCAST_STARTED,
    /** A loudspeaker stopped playing. */
    BROADCAST_ENDED,
    /** The device detected tampering (case opened, camera covered or moved). */
    TAMPER,
    /** The device rebooted. */
    REBOOT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The value used on the wire, lower snake case ({@code power_lost}, ...). */
    public String wireName() {
        return wireName;
    }

    /** The event type with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<EventType> fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package vn.commune.telemetry.protocol.schedule;

import java.util.Locale;
import java.util.Optional;

/** The priority of a broadcast item, after Circular 39/2020/TT-BTTTT on commune radio. */
public enum Priority {
    /** A regular item of the commune's schedule. */
    NORMAL,
    /** Aired ahead of normal items that overlap it. */
    PRIORITY,
    /** Aired at once, interrupting whatever plays. */
    EMERGENCY;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The value used on the wire ({@code normal}, {@code priority}, {@code emergency}). */
    public String wireName() {
        return wireName;
    }

    /** The priority with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<Priority> fromWire(String name) {
        for (Priority priority : values()) {
            if (priority.wireName.equals(name)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}

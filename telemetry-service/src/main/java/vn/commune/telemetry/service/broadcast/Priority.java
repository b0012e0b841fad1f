package vn.commune.telemetry.service.broadcast;

import java.util.Optional;

/**
 * The three priorities of commune radio bulletins (Circular 39/2020/TT-BTTTT): a normal item is placed in the
 * commune's schedule, a priority item goes ahead of normal items in the next slot, an emergency (disaster, fire,
 * epidemic) is aired at once, interrupting whatever plays.
 */
public enum Priority {
    NORMAL("normal"),
    PRIORITY("priority"),
    EMERGENCY("emergency");

    private final String wireName;

    Priority(String wireName) {
        this.wireName = wireName;
    }

    /** Its name in the API and on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The priority of a wire name, if it is one. */
    public static Optional<Priority> fromWire(String name) {
        for (Priority priority : values()) {
            if (priority.wireName.equals(name)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}

package vn.commune.telemetry.gateway.spool;

/**
 * How the spool treats a message, from its topic: states and events are drained first and never dropped; statuses
 * are drained after them and are the first to go when the log is full.
 */
public enum MessageClass {
    /** {@code tele/{id}/state}: retained connection state. */
    STATE,
    /** {@code tele/{id}/event}: a discrete event. */
    EVENT,
    /** {@code tele/{id}/status}: a periodic status, superseded by the next one. */
    STATUS,
    /** Anything else under {@code tele/} (forwarded unchanged; the service counts it as a bad topic). */
    OTHER;

    /** The class of a topic, by its last level. */
    public static MessageClass of(String topic) {
        int slash = topic.lastIndexOf('/');
        String last = slash < 0 ? topic : topic.substring(slash + 1);
        return switch (last) {
            case "state" -> STATE;
            case "event" -> EVENT;
            case "status" -> STATUS;
            default -> OTHER;
        };
    }

    /** Whether the log may drop it when full. */
    public boolean droppable() {
        return this == STATUS;
    }
}

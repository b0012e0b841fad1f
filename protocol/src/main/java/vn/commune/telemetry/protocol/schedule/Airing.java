package vn.commune.telemetry.protocol.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * What a commune's loudspeakers air during an interval: one slot occurrence or bulletin, or the part of it that no
 * item of higher rank interrupts.
 *
 * @param itemId         the slot's or bulletin's id
 * @param bulletin       true for a bulletin, false for a weekly slot
 * @param program        the programme aired
 * @param priority       the item's priority
 * @param start          start of the interval (inclusive)
 * @param end            end of the interval (exclusive)
 * @param scheduledStart start of the occurrence as scheduled (a weekly slot's start on its day)
 * @param scheduledEnd   end of the occurrence as scheduled
 */
public record Airing(String itemId, boolean bulletin, String program, Priority priority, Instant start,
        Instant end, Instant scheduledStart, Instant scheduledEnd) {

    /** An airing of a whole occurrence. */
    public Airing(String itemId, boolean bulletin, String program, Priority priority, Instant start, Instant end) {
        this(itemId, bulletin, program, priority, start, end, start, end);
    }

    /**
     * Whether {@code other} airs the same occurrence of the same item (same id, kind, programme, priority and
     * scheduled start), whatever the interval.
     */
    public boolean sameItem(Airing other) {
        return other != null && bulletin == other.bulletin && itemId.equals(other.itemId)
                && program.equals(other.program) && priority == other.priority
                && scheduledStart.equals(other.scheduledStart);
    }

    /** Whether the interval contains {@code instant}. */
    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** This airing with other bounds (the scheduled ones kept). */
    public Airing between(Instant newStart, Instant newEnd) {
        return new Airing(itemId, bulletin, program, priority, Objects.requireNonNull(newStart),
                Objects.requireNonNull(newEnd), scheduledStart, scheduledEnd);
    }
}

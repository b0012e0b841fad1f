package vn.commune.telemetry.protocol.schedule;

import java.time.Instant;

/**
 * A one-off item: an announcement aired once between two instants, ahead of the weekly slots it overlaps when its
 * priority is higher (an emergency bulletin interrupts whatever plays).
 *
 * @param id       identifier, unique among the schedule's bulletins (same rule as slot ids)
 * @param priority its priority
 * @param start    when it starts (epoch milliseconds on the wire)
 * @param end      when it ends, after {@code start}
 * @param program  the programme aired, 1 to 256 characters
 */
public record Bulletin(String id, Priority priority, Instant start, Instant end, String program) {
}

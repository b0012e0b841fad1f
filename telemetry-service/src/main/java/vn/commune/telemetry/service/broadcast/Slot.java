package vn.commune.telemetry.service.broadcast;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;
import vn.commune.telemetry.protocol.schedule.Priority;

/**
 * One slot of a commune's schedule, in the commune's local time ({@code Asia/Ho_Chi_Minh}): either weekly (on some
 * days of the week) or one-off (on one date). A slot across midnight says so ({@code nextDay}): its end is on the
 * day after its start. Without it, an end before the start is a mistake the rules refuse, not a slot of 20 hours.
 *
 * @param id        its identifier, unique in the schedule (the device rule: 1 to 64 of A-Z a-z 0-9 _ -); devices name
 *                  it in their {@code broadcast_started} events, which is how plays are matched to slots
 * @param days      the days of the week it recurs on (weekly), or empty (one-off)
 * @param date      its date (one-off), or null (weekly)
 * @param start     local start time
 * @param end       local end time
 * @param nextDay   whether {@code end} is on the day after the start (a slot across midnight)
 * @param program   what is broadcast (the programme's title)
 * @param priority  the bulletin's priority
 */
public record Slot(String id, Set<DayOfWeek> days, LocalDate date, LocalTime start, LocalTime end, boolean nextDay,
        String program, Priority priority) {

    /** Checks the shape: weekly or one-off, never both; every field given. */
    public Slot {
        Objects.requireNonNull(id, "id");
        days = Set.copyOf(Objects.requireNonNull(days, "days"));
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(priority, "priority");
        if (days.isEmpty() == (date == null)) {
            throw new IllegalArgumentException("a slot is weekly (days) or one-off (date), not both or neither");
        }
    }

    /** A weekly slot. */
    public static Slot weekly(String id, Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean nextDay,
            String program, Priority priority) {
        return new Slot(id, days, null, start, end, nextDay, program, priority);
    }

    /** A one-off slot. */
    public static Slot oneOff(String id, LocalDate date, LocalTime start, LocalTime end, boolean nextDay,
            String program, Priority priority) {
        return new Slot(id, Set.of(), date, start, end, nextDay, program, priority);
    }

    /** Whether it recurs every week. */
    public boolean isWeekly() {
        return date == null;
    }

    /** How long it lasts (zero or negative for what the rules refuse). */
    public Duration length() {
        Duration length = Duration.between(start, end);
        return nextDay ? length.plusDays(1) : length;
    }

    /** Its occurrence that starts on {@code day} (local), as local date-times. */
    public LocalDateTime[] on(LocalDate day) {
        LocalDateTime from = day.atTime(start);
        return new LocalDateTime[] {from, from.plus(length())};
    }
}

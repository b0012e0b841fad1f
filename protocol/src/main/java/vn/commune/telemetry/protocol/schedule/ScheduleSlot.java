package vn.commune.telemetry.protocol.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A weekly slot of a commune's schedule: on each of {@code days}, from {@code start} to {@code end} in the schedule's
 * time zone. A slot across midnight says so ({@code nextDay}): it starts on each of {@code days} and ends on the day
 * after, at {@code end}.
 *
 * @param id       identifier, unique among the schedule's slots (1 to 64 of A-Z a-z 0-9 _ -, from a letter or digit)
 * @param days     the days of the week it airs on, at least one
 * @param start    local start time
 * @param end      local end time: after {@code start}, or with {@code nextDay} on the next day, not after {@code start}
 * @param nextDay  whether the slot ends on the day after it starts (across midnight; at most 24 hours)
 * @param program  the programme aired, 1 to 256 characters
 * @param priority its priority; null is taken as {@link Priority#NORMAL}
 */
public record ScheduleSlot(String id, Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean nextDay,
        String program, Priority priority) {

    /** Copies {@code days} (null is taken as no day) and defaults the priority; values are checked by the codec. */
    public ScheduleSlot {
        days = days == null || days.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(days));
        priority = priority == null ? Priority.NORMAL : priority;
    }

    /** A slot that ends on the day it starts. */
    public ScheduleSlot(String id, Set<DayOfWeek> days, LocalTime start, LocalTime end, String program,
            Priority priority) {
        this(id, days, start, end, false, program, priority);
    }

    /** A slot of normal priority on every day of the week. */
    public static ScheduleSlot daily(String id, LocalTime start, LocalTime end, String program) {
        return new ScheduleSlot(id, EnumSet.allOf(DayOfWeek.class), start, end, program, Priority.NORMAL);
    }
}

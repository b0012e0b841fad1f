package vn.commune.telemetry.service.broadcast;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A commune's broadcast schedule: its weekly and one-off slots, in local time ({@link #ZONE}). Immutable; validity
 * is checked by {@link ScheduleRules}, not here, so that a draft with problems can still be kept and shown.
 *
 * @param communeId the commune (a place of the inventory)
 * @param slots     its slots, weekly and one-off
 */
public record Schedule(String communeId, List<Slot> slots) {

    /** Every schedule is in Vietnam's time: no daylight saving, UTC+7. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public Schedule {
        Objects.requireNonNull(communeId, "communeId");
        slots = List.copyOf(slots);
    }

    /**
     * One airing of a slot.
     *
     * @param slot  the slot
     * @param from  its start, epoch milliseconds
     * @param to    its end (exclusive), epoch milliseconds
     */
    public record Occurrence(Slot slot, long from, long to) {
    }

    /**
     * Every occurrence that overlaps {@code [from, to)} (epoch milliseconds), ordered by start: weekly slots on each
     * of their days, one-off slots on their date. An occurrence starting the day before {@code from} and running
     * past midnight into it is included.
     */
    public List<Occurrence> occurrences(long from, long to) {
        List<Occurrence> out = new ArrayList<>();
        LocalDate first = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(from), ZONE).toLocalDate()
                .minusDays(1);
        LocalDate last = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(to), ZONE).toLocalDate();
        for (Slot slot : slots) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                boolean airs = slot.isWeekly() ? slot.days().contains(day.getDayOfWeek()) : slot.date().equals(day);
                if (!airs) {
                    continue;
                }
                LocalDateTime[] local = slot.on(day);
                long start = local[0].atZone(ZONE).toInstant().toEpochMilli();
                long end = local[1].atZone(ZONE).toInstant().toEpochMilli();
                if (start < to && end > from) {
                    out.add(new Occurrence(slot, start, end));
                }
            }
        }
        out.sort(Comparator.comparingLong(Occurrence::from).thenComparingLong(Occurrence::to));
        return out;
    }
}

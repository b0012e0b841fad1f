package vn.commune.telemetry.protocol.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When a commune's items air. {@link #scheduled} lists the occurrences as scheduled (they may overlap);
 * {@link #airings} resolves overlaps into what is actually aired, an item of higher rank interrupting the others:
 *
 * <ol>
 *   <li>higher priority first (emergency, then priority, then normal);</li>
 *   <li>then bulletins before weekly slots;</li>
 *   <li>then the item that started earlier;</li>
 *   <li>then the smaller id.</li>
 * </ol>
 *
 * An interrupted item resumes when the interruption ends, if it has not ended meanwhile. Slot times are local times
 * of the schedule's time zone (a slot with {@code nextDay} ends on the following day). A bulletin naming devices is on
 * this timeline for all of them; {@link #forDevice} keeps only what one loudspeaker airs. Immutable and thread-safe.
 */
public final class ScheduleTimeline {

    private static final Comparator<Airing> RANK = Comparator
            .comparing((Airing a) -> a.priority().ordinal()).reversed()
            .thenComparing(a -> !a.bulletin())
            .thenComparing(Airing::start)
            .thenComparing(Airing::itemId)
            .thenComparing(Airing::end);

    private final CommuneSchedule schedule;
    private final ZoneId zone;

    /**
     * The timeline of a valid schedule (one {@link ScheduleCodec} accepts).
     *
     * @throws java.time.DateTimeException when its time zone is unknown
     */
    public ScheduleTimeline(CommuneSchedule schedule) {
        this.schedule = schedule;
        this.zone = ZoneId.of(schedule.timezone());
    }

    /**
     * The timeline of what the loudspeaker {@code deviceId} airs: the weekly slots and the bulletins for every
     * loudspeaker of the commune or naming it. The timeline of a schedule without targeted bulletins is itself.
     */
    public ScheduleTimeline forDevice(String deviceId) {
        if (schedule.bulletins().stream().allMatch(bulletin -> bulletin.devices().isEmpty())) {
            return this;
        }
        List<Bulletin> own = schedule.bulletins().stream().filter(bulletin -> bulletin.isFor(deviceId)).toList();
        return new ScheduleTimeline(new CommuneSchedule(schedule.v(), schedule.communeId(), schedule.version(),
                schedule.timezone(), schedule.slots(), own));
    }

    /** The schedule this timeline is of. */
    public CommuneSchedule schedule() {
        return schedule;
    }

    /**
     * The slot occurrences and bulletins that overlap {@code [from, to)}, with their full scheduled bounds (not
     * clipped), ordered by start, then rank. Overlapping items are all listed.
     */
    public List<Airing> scheduled(Instant from, Instant to) {
        List<Airing> items = new ArrayList<>();
        if (!to.isAfter(from)) {
            return items;
        }
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            DayOfWeek day = date.getDayOfWeek();
            for (ScheduleSlot slot : schedule.slots()) {
                if (!slot.days().contains(day)) {
                    continue;
                }
                Instant start = ZonedDateTime.of(date, slot.start(), zone).toInstant();
                Instant end = ZonedDateTime.of(slot.nextDay() ? date.plusDays(1) : date, slot.end(), zone)
                        .toInstant();
                if (end.isAfter(from) && start.isBefore(to) && end.isAfter(start)) {
                    items.add(new Airing(slot.id(), false, slot.program(), slot.priority(), start, end));
                }
            }
        }
        for (Bulletin bulletin : schedule.bulletins()) {
            if (bulletin.end().isAfter(from) && bulletin.start().isBefore(to)) {
                items.add(new Airing(bulletin.id(), true, bulletin.program(), bulletin.priority(), bulletin.start(),
                        bulletin.end()));
            }
        }
        items.sort(Comparator.comparing(Airing::start).thenComparing(RANK));
        return items;
    }

    /**
     * What is aired during {@code [from, to)}: non-overlapping intervals in time order, clipped to the period, each
     * the highest-ranked item of its moment; adjacent intervals of the same item are merged. Silence is not listed.
     */
    public List<Airing> airings(Instant from, Instant to) {
        List<Airing> items = scheduled(from, to);
        if (items.isEmpty()) {
            return List.of();
        }
        TreeSet<Instant> boundaries = new TreeSet<>();
        boundaries.add(from);
        boundaries.add(to);
        for (Airing item : items) {
            if (item.start().isAfter(from) && item.start().isBefore(to)) {
                boundaries.add(item.start());
            }
            if (item.end().isAfter(from) && item.end().isBefore(to)) {
                boundaries.add(item.end());
            }
        }
        List<Airing> byEnd = new ArrayList<>(items);
        byEnd.sort(Comparator.comparing(Airing::end));
        TreeSet<Airing> active = new TreeSet<>(RANK);
        List<Airing> result = new ArrayList<>();
        int nextStart = 0;
        int nextEnd = 0;
        Instant segmentStart = null;
        for (Instant boundary : boundaries) {
            if (segmentStart != null && !active.isEmpty()) {
                append(result, active.first().between(segmentStart, boundary));
            }
            while (nextEnd < byEnd.size() && !byEnd.get(nextEnd).end().isAfter(boundary)) {
                active.remove(byEnd.get(nextEnd++));
            }
            while (nextStart < items.size() && !items.get(nextStart).start().isAfter(boundary)) {
                Airing item = items.get(nextStart++);
                if (item.end().isAfter(boundary)) {
                    active.add(item);
                }
            }
            segmentStart = boundary;
        }
        return Collections.unmodifiableList(result);
    }

    /** The item aired at {@code instant}, if any, with the bounds of its uninterrupted interval around it. */
    public Optional<Airing> airingAt(Instant instant) {
        List<Airing> around = airings(instant.minusSeconds(86_400), instant.plusSeconds(86_400));
        for (Airing airing : around) {
            if (airing.covers(instant)) {
                return Optional.of(airing);
            }
        }
        return Optional.empty();
    }

    private static void append(List<Airing> result, Airing airing) {
        if (!result.isEmpty()) {
            Airing last = result.get(result.size() - 1);
            if (last.sameItem(airing) && last.end().equals(airing.start())) {
                result.set(result.size() - 1, last.between(last.start(), airing.end()));
                return;
            }
        }
        result.add(airing);
    }
}

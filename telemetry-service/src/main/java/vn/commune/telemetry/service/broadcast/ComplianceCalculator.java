package vn.commune.telemetry.service.broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.service.uptime.Segment;

/**
 * What one loudspeaker played of what it should have, slot occurrence by slot occurrence: the figures of broadcast
 * compliance, exact from event time. Pure: everything it needs is passed in.
 *
 * <p>A loudspeaker <b>plays</b> from its {@code broadcast_started} event to its {@code broadcast_ended}, its next
 * {@code broadcast_started}, or the moment it leaves the online state (it cannot say it stopped). A play counts for
 * the item its {@code detail} names ({@code slot sang}, {@code bulletin em-…}), or without a detail for the item of
 * the same programme. The time an occurrence should have aired and did not is classified moment by moment: not
 * online (after a {@code power_lost} with no power back: no power; in a maintenance window: maintenance; otherwise
 * offline), playing something else, amplifier reported broken, or nothing; the cause of a miss is the class with the
 * most time.
 */
public final class ComplianceCalculator {

    /**
     * A loudspeaker's event that matters here.
     *
     * @param type    {@code broadcast_started}, {@code broadcast_ended}, {@code power_lost} or {@code power_restored}
     * @param ts      its time, epoch ms
     * @param program the programme (broadcast events), or null
     * @param detail  the device's detail ({@code slot {id}} / {@code bulletin {id}}), or null
     */
    public record Event(String type, long ts, String program, String detail) {
    }

    /**
     * One stretch of playing.
     *
     * @param itemId   the item the detail names, or null
     * @param bulletin whether the detail names a bulletin
     * @param program  the programme, or null
     * @param from     start, epoch ms
     * @param to       end, epoch ms
     */
    public record Play(String itemId, boolean bulletin, String program, long from, long to) {

        /** Whether this play is of the occurrence's item. */
        boolean of(Airing airing) {
            if (itemId != null) {
                return itemId.equals(airing.itemId()) && bulletin == airing.bulletin();
            }
            return airing.program().equals(program);
        }
    }

    /**
     * One slot occurrence at one loudspeaker.
     *
     * @param deviceId   the loudspeaker
     * @param occurrence the item and its scheduled bounds ({@code start}/{@code end}: the first and last instant it
     *                   should have aired within the period)
     * @param expectedMs how long it should have aired (less what items of higher rank took)
     * @param playedMs   how long it was played
     * @param missed     played below the threshold
     * @param cause      why, for a miss (null otherwise)
     * @param detail     more on the cause: the state's cause (for offline), or the other programme
     * @param shortfall  the time not played, by class
     * @param firstPlayed when it first played it (epoch ms), or null
     */
    public record SlotPlay(String deviceId, Airing occurrence, long expectedMs, long playedMs, boolean missed,
            MissCause cause, String detail, Map<MissCause, Long> shortfall, Long firstPlayed) {

        /** Played over expected, 0 to 1. */
        public double share() {
            return expectedMs == 0 ? 1 : (double) playedMs / expectedMs;
        }
    }

    private final double threshold;

    /** @param threshold the share below which an occurrence is missed (0.8) */
    public ComplianceCalculator(double threshold) {
        this.threshold = threshold;
    }

    /**
     * The plays of a loudspeaker: its broadcast events (any order; events before the period count for a play that
     * runs into it) cut where it was not online.
     */
    public static List<Play> plays(List<Event> events, List<Segment> segments, long to) {
        List<Event> sorted = sorted(events);
        IntervalSet online = online(segments);
        long[] cover = segments.isEmpty() ? new long[] {0, 0}
                : new long[] {segments.get(0).from(), segments.get(segments.size() - 1).to()};
        List<Play> plays = new ArrayList<>();
        Event open = null;
        for (Event event : sorted) {
            if (event.type().equals("broadcast_started") || event.type().equals("broadcast_ended")) {
                if (open != null) {
                    addPlay(plays, open, event.ts(), online, cover);
                }
                open = event.type().equals("broadcast_started") ? event : null;
            }
        }
        if (open != null) {
            addPlay(plays, open, to, online, cover);
        }
        return plays;
    }

    private static void addPlay(List<Play> plays, Event start, long end, IntervalSet online, long[] cover) {
        if (end <= start.ts()) {
            return;
        }
        // a device that left the online state stopped playing then, without an event; the play ends at its first
        // moment not online (it does not resume when it comes back without a new broadcast_started). Where no state
        // is known (outside the timelines given), the events alone say.
        long stop = end;
        IntervalSet notOnline = online.complement(Math.max(start.ts(), cover[0]), Math.min(end, cover[1]));
        if (!notOnline.isEmpty()) {
            stop = notOnline.from(0);
        }
        if (stop <= start.ts()) {
            return;
        }
        String itemId = null;
        boolean bulletin = false;
        String detail = start.detail();
        if (detail != null && detail.startsWith("slot ")) {
            itemId = detail.substring(5);
        } else if (detail != null && detail.startsWith("bulletin ")) {
            itemId = detail.substring(9);
            bulletin = true;
        }
        plays.add(new Play(itemId, bulletin, start.program(), start.ts(), stop));
    }

    /**
     * Every occurrence the loudspeaker should have aired in the period, with what it played of it.
     *
     * @param deviceId    the loudspeaker
     * @param expected    what it should have aired: the airings of its timeline clipped to the period, in time order
     * @param segments    its state over the period
     * @param events      its broadcast and power events, from a day before the period to its end
     * @param ampFault    when its amplifier (or every horn) was reported broken
     * @param to          end of the period (plays still open end there)
     */
    public List<SlotPlay> compute(String deviceId, List<Airing> expected, List<Segment> segments, List<Event> events,
            IntervalSet ampFault, long to) {
        List<Play> plays = plays(events, segments, to);
        IntervalSet noPower = noPower(events, segments);
        IntervalSet online = online(segments);
        IntervalSet maintenance = where(segments, DeviceState.MAINTENANCE);
        Map<String, List<Airing>> byOccurrence = new LinkedHashMap<>();
        for (Airing airing : expected) {
            byOccurrence.computeIfAbsent((airing.bulletin() ? "b:" : "s:") + airing.itemId() + "@"
                    + airing.scheduledStart().toEpochMilli(), k -> new ArrayList<>()).add(airing);
        }
        List<SlotPlay> out = new ArrayList<>();
        for (List<Airing> parts : byOccurrence.values()) {
            Airing first = parts.get(0);
            IntervalSet.Builder should = new IntervalSet.Builder();
            parts.forEach(part -> should.add(part.start().toEpochMilli(), part.end().toEpochMilli()));
            IntervalSet shouldSet = should.build();
            IntervalSet.Builder played = new IntervalSet.Builder();
            IntervalSet.Builder other = new IntervalSet.Builder();
            String otherProgram = null;
            for (Play play : plays) {
                if (play.of(first)) {
                    played.add(play.from(), play.to());
                } else {
                    other.add(play.from(), play.to());
                    if (otherProgram == null && !shouldSet.and(IntervalSet.of(play.from(), play.to())).isEmpty()) {
                        otherProgram = play.program();
                    }
                }
            }
            IntervalSet playedSet = played.build().and(shouldSet);
            IntervalSet missing = shouldSet.minus(playedSet);
            Map<MissCause, Long> shortfall = new EnumMap<>(MissCause.class);
            IntervalSet notOnline = missing.minus(online);
            IntervalSet inMaintenance = notOnline.and(maintenance);
            IntervalSet unpowered = notOnline.minus(inMaintenance).and(noPower);
            put(shortfall, MissCause.MAINTENANCE, inMaintenance);
            put(shortfall, MissCause.NO_POWER, unpowered);
            put(shortfall, MissCause.OFFLINE, notOnline.minus(inMaintenance).minus(unpowered));
            IntervalSet onlineMissing = missing.and(online);
            // playing something else proves the amplifier worked: that comes before a reported fault, whose bounds
            // are known only to a status interval
            IntervalSet elsewhere = onlineMissing.and(other.build());
            put(shortfall, MissCause.OTHER_PROGRAM, elsewhere);
            IntervalSet broken = onlineMissing.minus(elsewhere).and(ampFault);
            put(shortfall, MissCause.AMPLIFIER_FAULT, broken);
            put(shortfall, MissCause.NOT_PLAYED, onlineMissing.minus(elsewhere).minus(broken));
            long expectedMs = shouldSet.measure();
            long playedMs = playedSet.measure();
            boolean missed = expectedMs > 0 && playedMs < threshold * expectedMs;
            MissCause cause = null;
            String detail = null;
            if (missed) {
                long most = -1;
                for (Map.Entry<MissCause, Long> entry : shortfall.entrySet()) {
                    if (entry.getValue() > most) {
                        most = entry.getValue();
                        cause = entry.getKey();
                    }
                }
                detail = detail(cause, missing, segments, otherProgram);
            }
            Airing occurrence = first.between(parts.get(0).start(), parts.get(parts.size() - 1).end());
            out.add(new SlotPlay(deviceId, occurrence, expectedMs, playedMs, missed, cause, detail, shortfall,
                    playedSet.isEmpty() ? null : playedSet.from(0)));
        }
        return out;
    }

    /** When the device had no mains power: from {@code power_lost} to {@code power_restored} or its next online. */
    static IntervalSet noPower(List<Event> events, List<Segment> segments) {
        IntervalSet online = online(segments);
        // each cut as reported: from power_lost to power_restored, or to the next power_lost (power came back in
        // between unannounced), or open
        List<long[]> cuts = new ArrayList<>();
        Long lost = null;
        for (Event event : sorted(events)) {
            if (event.type().equals("power_lost")) {
                if (lost != null) {
                    cuts.add(new long[] {lost, event.ts()});
                }
                lost = event.ts();
            } else if (event.type().equals("power_restored") && lost != null) {
                cuts.add(new long[] {lost, event.ts()});
                lost = null;
            }
        }
        if (lost != null) {
            cuts.add(new long[] {lost, Long.MAX_VALUE});
        }
        // power is back at the latest when the device comes back online after being offline (it rebooted on mains)
        List<long[]> cut = new ArrayList<>();
        for (long[] interval : cuts) {
            long end = interval[1];
            IntervalSet off = online.complement(interval[0], end);
            if (!off.isEmpty()) {
                IntervalSet backOnline = online.clip(off.to(0), end);
                if (!backOnline.isEmpty()) {
                    end = backOnline.from(0);
                }
            }
            cut.add(new long[] {interval[0], end});
        }
        return IntervalSet.union(cut);
    }

    private static String detail(MissCause cause, IntervalSet missing, List<Segment> segments, String otherProgram) {
        if (cause == MissCause.OTHER_PROGRAM) {
            return otherProgram;
        }
        if (cause != MissCause.OFFLINE && cause != MissCause.NO_POWER) {
            return null;
        }
        Map<Cause, Long> byCause = new EnumMap<>(Cause.class);
        for (Segment segment : segments) {
            if (segment.state() != DeviceState.ONLINE) {
                long overlap = missing.and(IntervalSet.of(segment.from(), segment.to())).measure();
                if (overlap > 0) {
                    byCause.merge(segment.cause(), overlap, Long::sum);
                }
            }
        }
        return byCause.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().state().name().toLowerCase(Locale.ROOT) + " (" + e.getKey().wireName()
                        + ")")
                .orElse(null);
    }

    /**
     * The events in time order; at the same instant an end before a start (a loudspeaker switching from a slot to an
     * emergency reports both at one instant, and storage gives them back in any order).
     */
    private static List<Event> sorted(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::ts).thenComparingInt(e -> e.type().equals("broadcast_started")
                ? 1 : 0));
        return sorted;
    }

    private static void put(Map<MissCause, Long> shortfall, MissCause cause, IntervalSet set) {
        long ms = set.measure();
        if (ms > 0) {
            shortfall.put(cause, ms);
        }
    }

    private static IntervalSet online(List<Segment> segments) {
        return where(segments, DeviceState.ONLINE);
    }

    private static IntervalSet where(List<Segment> segments, DeviceState state) {
        IntervalSet.Builder builder = new IntervalSet.Builder();
        for (Segment segment : segments) {
            if (segment.state() == state) {
                builder.add(segment.from(), segment.to());
            }
        }
        return builder.build();
    }
}

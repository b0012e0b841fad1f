package vn.commune.telemetry.simulator.broadcast;

import java.time.Instant;
import java.util.List;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.ScheduleTimeline;

/**
 * One commune's programme: its current schedule and what it airs when. Keeps the airings of a two-day window ahead
 * and renews the window as simulated time reaches its end.
 */
final class CommuneBroadcast {

    private static final long WINDOW_MILLIS = 2 * 86_400_000L;

    private final String communeId;
    private final List<Integer> speakers;
    private ScheduleTimeline timeline;
    private List<Airing> airings = List.of();
    private long windowEnd = Long.MIN_VALUE;
    private long generation;

    CommuneBroadcast(String communeId, List<Integer> speakers) {
        this.communeId = communeId;
        this.speakers = List.copyOf(speakers);
    }

    String communeId() {
        return communeId;
    }

    /** Indexes of the commune's loudspeakers, in inventory order. */
    List<Integer> speakers() {
        return speakers;
    }

    /** The schedule's version, or -1 when there is none. */
    long version() {
        return timeline == null ? -1 : timeline.schedule().version();
    }

    /** Replaces the schedule (null: none) at {@code t}; returns the new generation. */
    long replace(CommuneSchedule schedule, long t) {
        timeline = schedule == null ? null : new ScheduleTimeline(schedule);
        windowEnd = Long.MIN_VALUE;
        refresh(t);
        return ++generation;
    }

    /** The generation of the schedule; a boundary of another generation is stale. */
    long generation() {
        return generation;
    }

    /** What airs at {@code t}, or null. */
    Airing airingAt(long t) {
        refresh(t);
        for (Airing airing : airings) {
            long start = airing.start().toEpochMilli();
            long end = airing.end().toEpochMilli();
            if (start <= t && t < end) {
                return airing;
            }
            if (start > t) {
                break;
            }
        }
        return null;
    }

    /** The next instant after {@code t} at which what airs may change, or {@link Long#MAX_VALUE} for never. */
    long nextBoundary(long t) {
        if (timeline == null) {
            return Long.MAX_VALUE;
        }
        refresh(t);
        for (Airing airing : airings) {
            long start = airing.start().toEpochMilli();
            long end = airing.end().toEpochMilli();
            if (start > t) {
                return start;
            }
            if (end > t) {
                return end;
            }
        }
        return windowEnd;
    }

    private void refresh(long t) {
        if (timeline == null) {
            airings = List.of();
            return;
        }
        if (t < windowEnd && t >= windowEnd - WINDOW_MILLIS) {
            return;
        }
        windowEnd = t + WINDOW_MILLIS;
        airings = timeline.airings(Instant.ofEpochMilli(t), Instant.ofEpochMilli(windowEnd));
    }
}

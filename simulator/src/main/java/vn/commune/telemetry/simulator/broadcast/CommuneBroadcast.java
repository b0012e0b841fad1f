package vn.commune.telemetry.simulator.broadcast;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.ScheduleTimeline;

/**
 * One commune's programme: its current schedule and what each of its loudspeakers airs when. Loudspeakers share one
 * timeline unless a bulletin names some of them (an emergency for some villages): then each has its own. Keeps the
 * airings of a two-day window ahead and renews the window as simulated time reaches its end.
 */
final class CommuneBroadcast {

    private static final long WINDOW_MILLIS = 2 * 86_400_000L;

    private final String communeId;
    private final List<Integer> speakers;
    private final List<String> speakerIds;
    private CommuneSchedule schedule;
    private Window shared;
    private final Map<String, Window> own = new HashMap<>();
    private long generation;

    /** Airings of one timeline over a window ahead. */
    private static final class Window {
        private final ScheduleTimeline timeline;
        private List<Airing> airings = List.of();
        private long end = Long.MIN_VALUE;

        Window(ScheduleTimeline timeline) {
            this.timeline = timeline;
        }

        List<Airing> at(long t) {
            if (t >= end || t < end - WINDOW_MILLIS) {
                end = t + WINDOW_MILLIS;
                airings = timeline.airings(Instant.ofEpochMilli(t), Instant.ofEpochMilli(end));
            }
            return airings;
        }
    }

    /**
     * @param communeId  the commune
     * @param speakers   indexes of its loudspeakers, in inventory order
     * @param speakerIds their device ids, in the same order
     */
    CommuneBroadcast(String communeId, List<Integer> speakers, List<String> speakerIds) {
        this.communeId = communeId;
        this.speakers = List.copyOf(speakers);
        this.speakerIds = List.copyOf(speakerIds);
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
        return schedule == null ? -1 : schedule.version();
    }

    /** Replaces the schedule (null: none) at {@code t}; returns the new generation. */
    long replace(CommuneSchedule newSchedule, long t) {
        schedule = newSchedule;
        own.clear();
        shared = null;
        if (newSchedule != null) {
            ScheduleTimeline timeline = new ScheduleTimeline(newSchedule);
            shared = new Window(timeline);
            for (String id : speakerIds) {
                ScheduleTimeline mine = timeline.forDevice(id);
                if (mine != timeline) {
                    own.put(id, new Window(mine));
                }
            }
        }
        return ++generation;
    }

    /** The generation of the schedule; a boundary of another generation is stale. */
    long generation() {
        return generation;
    }

    /** What the loudspeaker {@code deviceId} airs at {@code t}, or null. */
    Airing airingAt(String deviceId, long t) {
        Window window = window(deviceId);
        if (window == null) {
            return null;
        }
        for (Airing airing : window.at(t)) {
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

    /**
     * The next instant after {@code t} at which what any of its loudspeakers airs may change, or {@link Long#MAX_VALUE}
     * for never.
     */
    long nextBoundary(long t) {
        if (shared == null) {
            return Long.MAX_VALUE;
        }
        long next = nextBoundary(shared, t);
        for (Window window : own.values()) {
            next = Math.min(next, nextBoundary(window, t));
        }
        return next;
    }

    private Window window(String deviceId) {
        if (shared == null) {
            return null;
        }
        return own.getOrDefault(deviceId, shared);
    }

    private static long nextBoundary(Window window, long t) {
        for (Airing airing : window.at(t)) {
            long start = airing.start().toEpochMilli();
            long end = airing.end().toEpochMilli();
            if (start > t) {
                return start;
            }
            if (end > t) {
                return end;
            }
        }
        return window.end;
    }
}

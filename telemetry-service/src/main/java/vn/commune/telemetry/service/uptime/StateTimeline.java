package vn.commune.telemetry.service.uptime;

import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.state.HistorySnapshot;

/**
 * A device's timeline over a period, as a pure function of its stored transitions and what is laid over them: an
 * outage the device's silence implies ({@link Cause#TIMEOUT}) is {@code unknown} where no instance of the service was
 * running or where its gateway was offline, since then the silence proves nothing; a declared maintenance window
 * makes every instant inside it {@code maintenance}. What the device said itself (online, offline, its Will) stays.
 */
public final class StateTimeline {

    private StateTimeline() {
    }

    /**
     * The segments covering {@code [from, to)} without gaps, adjacent segments always different.
     *
     * @param history     the device's transitions
     * @param serviceDown when no instance of the service ran
     * @param gatewayDown when the device's gateway was offline (empty without a gateway)
     * @param maintenance when a maintenance window covered the device
     */
    public static List<Segment> build(HistorySnapshot history, long from, long to, IntervalSet serviceDown,
            IntervalSet gatewayDown, IntervalSet maintenance) {
        List<Segment> raw = raw(history, from, to);
        List<Segment> out = new ArrayList<>(raw.size() + 4);
        for (Segment segment : raw) {
            if (segment.cause() != Cause.TIMEOUT) {
                overlay(segment, maintenance, out);
                continue;
            }
            List<Segment> parts = new ArrayList<>(3);
            split(segment, serviceDown, Cause.SERVICE_DOWN, parts);
            for (Segment part : parts) {
                if (part.cause() != Cause.TIMEOUT) {
                    overlay(part, maintenance, out);
                    continue;
                }
                List<Segment> gatewayParts = new ArrayList<>(3);
                split(part, gatewayDown, Cause.GATEWAY_UNREACHABLE, gatewayParts);
                for (Segment gatewayPart : gatewayParts) {
                    overlay(gatewayPart, maintenance, out);
                }
            }
        }
        return merge(out);
    }

    /** The stored transitions alone as segments of {@code [from, to)}. */
    public static List<Segment> raw(HistorySnapshot history, long from, long to) {
        List<Segment> out = new ArrayList<>();
        if (to <= from) {
            return out;
        }
        long start = from;
        Cause cause = history.causeAt(from);
        long floor = history.floor();
        if (floor > from && floor < to) {
            out.add(new Segment(from, floor, Cause.NO_DATA));
            start = floor;
            cause = history.causeAt(floor);
        }
        for (int i = history.firstAfter(start); i < history.size() && history.at(i) < to; i++) {
            long at = history.at(i);
            out.add(new Segment(start, at, cause));
            start = at;
            cause = history.cause(i);
        }
        out.add(new Segment(start, to, cause));
        return merge(out);
    }

    /** A set of the instants where the segments are in {@code state}. */
    public static IntervalSet where(List<Segment> segments, DeviceState state) {
        IntervalSet.Builder builder = new IntervalSet.Builder();
        for (Segment segment : segments) {
            if (segment.state() == state) {
                builder.add(segment.from(), segment.to());
            }
        }
        return builder.build();
    }

    private static void overlay(Segment segment, IntervalSet maintenance, List<Segment> out) {
        split(segment, maintenance, Cause.MAINTENANCE, out);
    }

    /** Splits a segment into the parts inside {@code set} (with cause {@code inside}) and the parts outside. */
    private static void split(Segment segment, IntervalSet set, Cause inside, List<Segment> out) {
        if (set.isEmpty()) {
            out.add(segment);
            return;
        }
        long cursor = segment.from();
        for (int i = 0; i < set.count() && cursor < segment.to(); i++) {
            long from = Math.max(set.from(i), segment.from());
            long to = Math.min(set.to(i), segment.to());
            if (to <= from) {
                continue;
            }
            if (from > cursor) {
                out.add(new Segment(cursor, from, segment.cause()));
            }
            out.add(new Segment(from, to, inside));
            cursor = to;
        }
        if (cursor < segment.to()) {
            out.add(new Segment(cursor, segment.to(), segment.cause()));
        }
    }

    private static List<Segment> merge(List<Segment> segments) {
        List<Segment> out = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            if (segment.millis() <= 0) {
                continue;
            }
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).cause().sameAs(segment.cause()) && out.get(last).to() == segment.from()) {
                out.set(last, new Segment(out.get(last).from(), segment.to(), out.get(last).cause()));
            } else {
                out.add(segment);
            }
        }
        return out;
    }
}

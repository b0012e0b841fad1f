package vn.commune.telemetry.service.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The state rules as a pure function of a device's evidence in event time. A sign of life puts the device online at
 * its instant; an {@code offline} announcement or a Will puts it offline at its instant; a gap between a sign of life
 * and the next evidence longer than the timeout is an outage from that sign of life plus one status interval. After
 * the last evidence, the same outage is concluded once the horizon is more than the timeout past it.
 *
 * <p>The result depends only on the seed and the evidence after it, so any stretch of history can be folded again
 * from the last evidence before it and comes out the same: late data repaints exactly the period it touches.
 */
public final class EvidenceFold {

    /** No horizon: conclude nothing after the last evidence. */
    public static final long NO_HORIZON = Long.MIN_VALUE;

    private EvidenceFold() {
    }

    /**
     * The outcome of a fold.
     *
     * @param transitions the changes after {@code seed.lastAt()}, in time order, at most one per instant
     * @param end         the state after the last evidence (tail timeouts do not change it)
     */
    public record Result(List<Transition> transitions, FoldState end) {
    }

    /**
     * Folds {@code evidence} onto {@code seed}.
     *
     * @param seed       the state after the last evidence before these
     * @param evidence   in {@link Evidence#ORDER}; items before {@code seed.lastAt()} are ignored
     * @param intervalMs the device's status interval
     * @param timeoutMs  the silence after which it is offline (a whole number of intervals)
     * @param horizon    the present, for a timeout after the last evidence; {@link #NO_HORIZON} for none
     */
    public static Result fold(FoldState seed, List<Evidence> evidence, long intervalMs, long timeoutMs,
            long horizon) {
        return fold(seed, new Items() {
            @Override
            public int size() {
                return evidence.size();
            }

            @Override
            public long at(int i) {
                return evidence.get(i).at();
            }

            @Override
            public long until(int i) {
                return evidence.get(i).at();
            }

            @Override
            public Cause cause(int i) {
                return evidence.get(i).cause();
            }
        }, intervalMs, timeoutMs, horizon);
    }

    /**
     * Folds items onto {@code seed}: each item is one instant of evidence, or a stretch of signs of life from
     * {@code at} to {@code until} whose gaps are all within the timeout (a life run of {@link DeviceEvidence}). A
     * stretch folds exactly like all of its instants would: its first instant may change the state, the instants
     * inside change nothing (online stays online, no gap is long enough for a timeout), and its last is where a
     * timeout may follow. Items are in time order; items before {@code seed.lastAt()} are ignored.
     */
    public static Result fold(FoldState seed, Items items, long intervalMs, long timeoutMs, long horizon) {
        Emitter out = new Emitter(seed.cause());
        long lastAt = seed.lastAt();
        boolean lastLife = seed.lastLife();
        Cause lastCause = seed.cause();
        for (int i = 0; i < items.size(); i++) {
            long at = items.at(i);
            if (at < lastAt) {
                continue;
            }
            Cause cause = items.cause(i);
            if (lastLife && at - lastAt > timeoutMs) {
                out.change(lastAt + intervalMs, Cause.TIMEOUT);
            }
            out.change(at, cause);
            lastAt = Math.max(at, items.until(i));
            lastLife = cause.state() == DeviceState.ONLINE;
            lastCause = cause;
        }
        if (horizon != NO_HORIZON && lastLife && horizon - lastAt > timeoutMs) {
            out.change(lastAt + intervalMs, Cause.TIMEOUT);
        }
        FoldState end = lastAt == seed.lastAt() && lastCause == seed.cause() ? seed
                : new FoldState(lastAt, lastLife, lastCause);
        return new Result(out.transitions, end);
    }

    /** What {@link #fold(FoldState, Items, long, long, long)} reads: instants or stretches of evidence in order. */
    public interface Items {

        /** How many. */
        int size();

        /** The first instant of item {@code i}. */
        long at(int i);

        /** The last instant of item {@code i} ({@link #at} for a single instant). */
        long until(int i);

        /** The cause at the first instant (the strongest of the causes there). */
        Cause cause(int i);
    }

    /** Collects changes, one per instant: a later change at the same instant replaces an earlier one. */
    private static final class Emitter {
        private final List<Transition> transitions = new ArrayList<>();
        private final List<Cause> before = new ArrayList<>();
        private Cause current;

        Emitter(Cause initial) {
            this.current = initial;
        }

        void change(long at, Cause cause) {
            int last = transitions.size() - 1;
            if (last >= 0 && transitions.get(last).at() == at) {
                Cause previous = before.get(last);
                transitions.remove(last);
                before.remove(last);
                current = previous;
            }
            if (current.sameAs(cause)) {
                return;
            }
            transitions.add(new Transition(at, cause));
            before.add(current);
            current = cause;
        }
    }
}

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
        Emitter out = new Emitter(seed.cause());
        long lastAt = seed.lastAt();
        boolean lastLife = seed.lastLife();
        Cause lastCause = seed.cause();
        for (Evidence e : evidence) {
            if (e.at() < lastAt) {
                continue;
            }
            if (lastLife && e.at() - lastAt > timeoutMs) {
                out.change(lastAt + intervalMs, Cause.TIMEOUT);
            }
            out.change(e.at(), e.cause());
            lastAt = e.at();
            lastLife = e.life();
            lastCause = e.cause();
        }
        if (horizon != NO_HORIZON && lastLife && horizon - lastAt > timeoutMs) {
            out.change(lastAt + intervalMs, Cause.TIMEOUT);
        }
        FoldState end = lastAt == seed.lastAt() && lastCause == seed.cause() ? seed
                : new FoldState(lastAt, lastLife, lastCause);
        return new Result(out.transitions, end);
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

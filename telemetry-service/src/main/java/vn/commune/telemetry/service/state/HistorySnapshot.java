package vn.commune.telemetry.service.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One device's transitions, immutable: instants ascending, no two alike in a row. Before {@code floor} nothing is
 * known from memory (the history was not loaded or was trimmed there), so the device reads as {@link Cause#NO_DATA}.
 */
public final class HistorySnapshot {

    /** A device with no transitions at all. */
    public static final HistorySnapshot EMPTY = new HistorySnapshot(new long[0], new byte[0], Long.MIN_VALUE);

    private final long[] at;
    private final byte[] cause;
    private final long floor;

    HistorySnapshot(long[] at, byte[] cause, long floor) {
        this.at = at;
        this.cause = cause;
        this.floor = floor;
    }

    /** Normalises transitions in time order: drops those that change nothing. */
    public static HistorySnapshot of(List<Transition> transitions, long floor) {
        long[] times = new long[transitions.size()];
        byte[] causes = new byte[transitions.size()];
        int n = 0;
        Cause current = Cause.NO_DATA;
        long previousAt = Long.MIN_VALUE;
        for (Transition t : transitions) {
            if (t.at() < previousAt) {
                throw new IllegalArgumentException("transitions out of order at " + t.at());
            }
            if (n > 0 && times[n - 1] == t.at()) {
                n--;
                current = n == 0 ? Cause.NO_DATA : Cause.ofOrdinal(causes[n - 1]);
            }
            if (!current.sameAs(t.cause())) {
                times[n] = t.at();
                causes[n] = (byte) t.cause().ordinal();
                n++;
                current = t.cause();
            }
            previousAt = t.at();
        }
        return new HistorySnapshot(Arrays.copyOf(times, n), Arrays.copyOf(causes, n), floor);
    }

    /** Number of transitions. */
    public int size() {
        return at.length;
    }

    /** Instant of transition {@code i}. */
    public long at(int i) {
        return at[i];
    }

    /** Cause of transition {@code i}. */
    public Cause cause(int i) {
        return Cause.ofOrdinal(cause[i]);
    }

    /** The instant before which memory knows nothing. */
    public long floor() {
        return floor;
    }

    /** Index of the first transition after {@code t} (the size when none). */
    public int firstAfter(long t) {
        int index = Arrays.binarySearch(at, t);
        if (index < 0) {
            return -index - 1;
        }
        while (index < at.length && at[index] <= t) {
            index++;
        }
        return index;
    }

    /** Index of the first transition at or after {@code t} (the size when none). */
    public int firstAtOrAfter(long t) {
        return t == Long.MIN_VALUE ? 0 : firstAfter(t - 1);
    }

    /** The cause in force at {@code t}. */
    public Cause causeAt(long t) {
        if (t < floor) {
            return Cause.NO_DATA;
        }
        int index = firstAfter(t) - 1;
        return index < 0 ? Cause.NO_DATA : cause(index);
    }

    /** The last transition, or null. */
    public Transition last() {
        return at.length == 0 ? null : new Transition(at[at.length - 1], cause(at.length - 1));
    }

    /** The transitions after {@code t}. */
    public List<Transition> after(long t) {
        List<Transition> result = new ArrayList<>();
        for (int i = firstAfter(t); i < at.length; i++) {
            result.add(new Transition(at[i], cause(i)));
        }
        return result;
    }

    /** The transitions up to and including {@code t}, then {@code fresh} (all after {@code t}), normalised. */
    HistorySnapshot replaceAfter(long t, List<Transition> fresh) {
        int keep = firstAfter(t);
        List<Transition> all = new ArrayList<>(keep + fresh.size());
        for (int i = 0; i < keep; i++) {
            all.add(new Transition(at[i], cause(i)));
        }
        all.addAll(fresh);
        return of(all, floor);
    }

    /** {@code older} (all before the first transition and at or after {@code newFloor}) then these. */
    HistorySnapshot prepend(List<Transition> older, long newFloor) {
        List<Transition> all = new ArrayList<>(older.size() + at.length);
        all.addAll(older);
        for (int i = 0; i < at.length; i++) {
            all.add(new Transition(at[i], cause(i)));
        }
        return of(all, newFloor);
    }

    /** The newest {@code max} transitions; the floor moves to the first one kept. */
    HistorySnapshot trim(int max) {
        if (at.length <= max) {
            return this;
        }
        int from = at.length - max;
        return new HistorySnapshot(Arrays.copyOfRange(at, from, at.length),
                Arrays.copyOfRange(cause, from, at.length), at[from]);
    }
}

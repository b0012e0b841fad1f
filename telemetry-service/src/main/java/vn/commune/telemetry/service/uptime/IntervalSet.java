package vn.commune.telemetry.service.uptime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of instants as sorted, disjoint, non-adjacent half-open intervals {@code [from, to)} of epoch milliseconds.
 * Immutable; every operation returns a new set.
 */
public final class IntervalSet {

    /** The empty set. */
    public static final IntervalSet EMPTY = new IntervalSet(new long[0]);

    /** from0, to0, from1, to1, … */
    private final long[] bounds;

    private IntervalSet(long[] bounds) {
        this.bounds = bounds;
    }

    /** {@code [from, to)}; empty when {@code to <= from}. */
    public static IntervalSet of(long from, long to) {
        return to <= from ? EMPTY : new IntervalSet(new long[] {from, to});
    }

    /** The union of any intervals, given as from/to pairs in any order; empty ones are ignored. */
    public static IntervalSet union(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>();
        for (long[] interval : intervals) {
            if (interval[1] > interval[0]) {
                sorted.add(interval);
            }
        }
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] out = new long[sorted.size() * 2];
        int n = 0;
        for (long[] interval : sorted) {
            if (n > 0 && interval[0] <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], interval[1]);
            } else {
                out[n++] = interval[0];
                out[n++] = interval[1];
            }
        }
        return new IntervalSet(Arrays.copyOf(out, n));
    }

    /** Builds a set from intervals added in ascending order (each starting at or after the previous end). */
    public static final class Builder {
        private long[] out = new long[8];
        private int n;

        /** Adds {@code [from, to)}; merges it with the previous interval when they touch. */
        public Builder add(long from, long to) {
            if (to <= from) {
                return this;
            }
            if (n > 0 && from < out[n - 1]) {
                throw new IllegalArgumentException("intervals must be added in order: " + from + " < " + out[n - 1]);
            }
            if (n > 0 && from == out[n - 1]) {
                out[n - 1] = to;
                return this;
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = from;
            out[n++] = to;
            return this;
        }

        /** The set. */
        public IntervalSet build() {
            return n == 0 ? EMPTY : new IntervalSet(Arrays.copyOf(out, n));
        }
    }

    /** Number of intervals. */
    public int count() {
        return bounds.length / 2;
    }

    /** Start of interval {@code i}. */
    public long from(int i) {
        return bounds[2 * i];
    }

    /** End (exclusive) of interval {@code i}. */
    public long to(int i) {
        return bounds[2 * i + 1];
    }

    /** Whether there is no instant in it. */
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** Total length in milliseconds. */
    public long measure() {
        long total = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            total += bounds[i + 1] - bounds[i];
        }
        return total;
    }

    /** Whether instant {@code t} is in the set. */
    public boolean contains(long t) {
        int lo = 0;
        int hi = count() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t < from(mid)) {
                hi = mid - 1;
            } else if (t >= to(mid)) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The instants in this set or in {@code other}. */
    public IntervalSet or(IntervalSet other) {
        List<long[]> all = new ArrayList<>(count() + other.count());
        for (int i = 0; i < count(); i++) {
            all.add(new long[] {from(i), to(i)});
        }
        for (int i = 0; i < other.count(); i++) {
            all.add(new long[] {other.from(i), other.to(i)});
        }
        return union(all);
    }

    /** The instants in both. */
    public IntervalSet and(IntervalSet other) {
        Builder out = new Builder();
        int i = 0;
        int j = 0;
        while (i < count() && j < other.count()) {
            long from = Math.max(from(i), other.from(j));
            long to = Math.min(to(i), other.to(j));
            out.add(from, to);
            if (to(i) < other.to(j)) {
                i++;
            } else {
                j++;
            }
        }
        return out.build();
    }

    /** The instants in this set but not in {@code other}. */
    public IntervalSet minus(IntervalSet other) {
        return and(other.complement(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** The instants of {@code [from, to)} not in this set. */
    public IntervalSet complement(long from, long to) {
        Builder out = new Builder();
        long cursor = from;
        for (int i = 0; i < count() && cursor < to; i++) {
            if (to(i) <= cursor) {
                continue;
            }
            out.add(cursor, Math.min(from(i), to));
            cursor = Math.max(cursor, to(i));
        }
        out.add(cursor, to);
        return out.build();
    }

    /** This set cut to {@code [from, to)}. */
    public IntervalSet clip(long from, long to) {
        return and(of(from, to));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalSet that && Arrays.equals(bounds, that.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < count(); i++) {
            text.append(i == 0 ? "" : ", ").append('[').append(from(i)).append(", ").append(to(i)).append(')');
        }
        return text.append('}').toString();
    }
}

package vn.commune.telemetry.service.state;

import java.util.Arrays;

/**
 * One device's evidence in a form whose fold does not depend on the order it arrived in, and whose size grows with
 * outages, not with messages. Items in time order, each either
 * <ul>
 * <li>a <b>life run</b>: a stretch of signs of life (statuses, events, {@code online} announcements) whose gaps are
 * all within the timeout and that crosses no offline announcement or Will: its first instant with the strongest
 * cause there, and its last instant; or</li>
 * <li>a <b>mark</b>: an {@code offline} announcement or a Will, one instant (the strongest at that instant).</li>
 * </ul>
 * A sign of life at a mark's instant counts for nothing (the mark wins the instant, as in {@link Evidence#ORDER}).
 * Adding evidence merges runs, extends one, starts one or splits one around a mark; the fold of the items
 * ({@link EvidenceFold#fold(FoldState, EvidenceFold.Items, long, long, long)}) equals the fold of every message.
 *
 * <p>Splitting a run needs the first sign of life after the mark, which the run's two ends do not tell. The last
 * {@value #RECENT} signs of life are kept for that; a mark that lands inside a run further back than they reach is
 * placed with the device back online at the first sign of life known after it, at most one status interval later
 * ({@link #estimatedSplits()} counts those). Items older than the window in which messages are still accepted are
 * folded into the {@code seed} and forgotten. Used on the event loop only.
 */
final class DeviceEvidence implements EvidenceFold.Items {

    /** Signs of life kept for exact splits. */
    static final int RECENT = 32;
    /** {@link #add} changed nothing the fold depends on. */
    static final int UNCHANGED = -1;
    /** {@link #add} was given evidence at or before the seed: older than anything memory may still change. */
    static final int TOO_OLD = -2;

    private long[] start = new long[4];
    private long[] end = new long[4];
    private byte[] cause = new byte[4];
    private int size;
    /** The state before the first item. */
    private FoldState seed;
    /** The newest signs of life, ascending; complete from {@code recentFloor} on. */
    private final long[] recentAt = new long[RECENT];
    private final byte[] recentCause = new byte[RECENT];
    private int recentSize;
    private long recentFloor;
    private int estimatedSplits;

    /** Starts with nothing after {@code seed}; signs of life after {@code knownUntil} will all be seen here. */
    DeviceEvidence(FoldState seed, long knownUntil) {
        this.seed = seed;
        this.recentFloor = knownUntil == Long.MIN_VALUE ? knownUntil : knownUntil + 1;
    }

    /** An empty record of a device never heard from: everything it sends will be seen. */
    static DeviceEvidence empty() {
        return new DeviceEvidence(FoldState.NEVER, Long.MIN_VALUE);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long at(int i) {
        return start[i];
    }

    @Override
    public long until(int i) {
        return end[i];
    }

    @Override
    public Cause cause(int i) {
        return Cause.ofOrdinal(cause[i]);
    }

    /** Whether item {@code i} is a life run. */
    boolean life(int i) {
        return Cause.ofOrdinal(cause[i]).state() == DeviceState.ONLINE;
    }

    /** The state before item {@code i}: after item {@code i - 1}, or the seed. */
    FoldState seedBefore(int i) {
        if (i == 0) {
            return seed;
        }
        return new FoldState(end[i - 1], life(i - 1), cause(i - 1));
    }

    /** The items from {@code i} on. */
    EvidenceFold.Items from(int i) {
        if (i == 0) {
            return this;
        }
        return new EvidenceFold.Items() {
            @Override
            public int size() {
                return size - i;
            }

            @Override
            public long at(int k) {
                return start[i + k];
            }

            @Override
            public long until(int k) {
                return end[i + k];
            }

            @Override
            public Cause cause(int k) {
                return DeviceEvidence.this.cause(i + k);
            }
        };
    }

    /** The last instant of evidence, or the seed's. */
    long lastAt() {
        return size == 0 ? seed.lastAt() : end[size - 1];
    }

    /** Whether the last evidence is a sign of life (then a timeout may follow it). */
    boolean lastLife() {
        return size == 0 ? seed.lastLife() : life(size - 1);
    }

    /** Marks placed inside a run further back than the recent signs of life reach. */
    int estimatedSplits() {
        return estimatedSplits;
    }

    /**
     * Adds one piece of evidence.
     *
     * @return the index of the first item that changed (fold again from there), {@link #UNCHANGED} or
     *         {@link #TOO_OLD}
     */
    int add(Evidence evidence, long intervalMs, long timeoutMs) {
        if (evidence.at() <= seed.lastAt()) {
            return TOO_OLD;
        }
        return evidence.life() ? addLife(evidence.at(), evidence.cause(), timeoutMs)
                : addMark(evidence.at(), evidence.cause(), intervalMs);
    }

    private int addLife(long at, Cause c, long timeoutMs) {
        int i = floorIndex(at);
        if (i >= 0 && !life(i) && start[i] == at) {
            return UNCHANGED; // the mark wins its instant
        }
        remember(at, c);
        if (i >= 0 && life(i) && at <= end[i]) {
            if (at == start[i] && c.ordinal() > cause[i]) {
                cause[i] = (byte) c.ordinal();
                return i;
            }
            return UNCHANGED;
        }
        boolean left = i >= 0 && life(i) && at - end[i] <= timeoutMs;
        int next = i + 1;
        boolean right = next < size && life(next) && start[next] - at <= timeoutMs;
        if (left && right) {
            end[i] = end[next];
            remove(next);
            return i;
        }
        if (left) {
            end[i] = at;
            return i;
        }
        if (right) {
            start[next] = at;
            cause[next] = (byte) c.ordinal();
            return next;
        }
        insert(next, at, at, c);
        return next;
    }

    private int addMark(long at, Cause c, long intervalMs) {
        forget(at);
        int i = floorIndex(at);
        if (i >= 0 && !life(i) && start[i] == at) {
            if (c.ordinal() > cause[i]) {
                cause[i] = (byte) c.ordinal();
                return i;
            }
            return UNCHANGED;
        }
        if (i < 0 || !life(i) || at > end[i]) {
            insert(i + 1, at, at, c);
            return i + 1;
        }
        // inside run i: split it around the mark
        long runStart = start[i];
        long runEnd = end[i];
        int changed = i;
        if (at == runStart) {
            remove(i);
        } else {
            // the part before the mark ends within the timeout before it (the run went on after it), so no timeout
            // follows it and its exact last instant does not matter to the fold
            end[i] = at - 1;
            i++;
        }
        insert(i, at, at, c);
        if (at < runEnd) {
            int r = firstRecentAfter(at);
            if (at >= recentFloor) {
                // every sign of life after the mark is among the recent ones
                if (r >= 0 && recentAt[r] <= runEnd) {
                    insert(i + 1, recentAt[r], runEnd, Cause.ofOrdinal(recentCause[r]));
                }
            } else {
                long known = r >= 0 ? Math.min(recentAt[r], runEnd) : runEnd;
                long next = Math.min(known, at + intervalMs);
                Cause nextCause = r >= 0 && next == recentAt[r] ? Cause.ofOrdinal(recentCause[r]) : Cause.STATUS;
                insert(i + 1, next, runEnd, nextCause);
                estimatedSplits++;
            }
        }
        return changed;
    }

    /**
     * Forgets the items that end before {@code before}, folding them into the seed: evidence that old is refused
     * before it gets here ({@code before} lies more than a timeout before the oldest instant still accepted), so it
     * can neither land among them nor extend them.
     */
    void prune(long before) {
        int n = 0;
        while (n < size && end[n] < before) {
            n++;
        }
        if (n == 0) {
            return;
        }
        seed = seedBefore(n);
        System.arraycopy(start, n, start, 0, size - n);
        System.arraycopy(end, n, end, 0, size - n);
        System.arraycopy(cause, n, cause, 0, size - n);
        size -= n;
    }

    /** Index of the last item starting at or before {@code at}, or -1. */
    private int floorIndex(long at) {
        int index = Arrays.binarySearch(start, 0, size, at);
        return index >= 0 ? index : -index - 2;
    }

    /** Says that every sign of life after {@code at} will be seen here (recovery: the rest was read back). */
    void knownUntil(long at) {
        recentFloor = at == Long.MIN_VALUE ? at : at + 1;
    }

    /** Appends an item after all others (recovery rebuilds items in order). */
    void append(long from, long until, Cause c) {
        insert(size, from, until, c);
    }

    private void insert(int index, long from, long until, Cause c) {
        if (size == start.length) {
            int capacity = size * 2;
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
            cause = Arrays.copyOf(cause, capacity);
        }
        System.arraycopy(start, index, start, index + 1, size - index);
        System.arraycopy(end, index, end, index + 1, size - index);
        System.arraycopy(cause, index, cause, index + 1, size - index);
        start[index] = from;
        end[index] = until;
        cause[index] = (byte) c.ordinal();
        size++;
    }

    private void remove(int index) {
        System.arraycopy(start, index + 1, start, index, size - index - 1);
        System.arraycopy(end, index + 1, end, index, size - index - 1);
        System.arraycopy(cause, index + 1, cause, index, size - index - 1);
        size--;
    }

    /** Keeps a sign of life among the newest (those older than all kept, once full, are not needed). */
    private void remember(long at, Cause c) {
        int index = Arrays.binarySearch(recentAt, 0, recentSize, at);
        if (index >= 0) {
            recentCause[index] = (byte) Math.max(recentCause[index], c.ordinal());
            return;
        }
        int insertAt = -index - 1;
        if (recentSize == RECENT) {
            if (insertAt == 0) {
                recentFloor = Math.max(recentFloor, at + 1);
                return;
            }
            // drop the oldest: from now on only what follows the next oldest is known completely
            System.arraycopy(recentAt, 1, recentAt, 0, insertAt - 1);
            System.arraycopy(recentCause, 1, recentCause, 0, insertAt - 1);
            insertAt--;
            recentSize--;
        } else {
            System.arraycopy(recentAt, insertAt, recentAt, insertAt + 1, recentSize - insertAt);
            System.arraycopy(recentCause, insertAt, recentCause, insertAt + 1, recentSize - insertAt);
        }
        recentAt[insertAt] = at;
        recentCause[insertAt] = (byte) c.ordinal();
        recentSize++;
        if (recentSize == RECENT) {
            recentFloor = Math.max(recentFloor, recentAt[0]);
        }
    }

    /** A mark at {@code at} makes a sign of life there count for nothing. */
    private void forget(long at) {
        int index = Arrays.binarySearch(recentAt, 0, recentSize, at);
        if (index >= 0) {
            System.arraycopy(recentAt, index + 1, recentAt, index, recentSize - index - 1);
            System.arraycopy(recentCause, index + 1, recentCause, index, recentSize - index - 1);
            recentSize--;
        }
    }

    private int firstRecentAfter(long at) {
        int index = Arrays.binarySearch(recentAt, 0, recentSize, at);
        int first = index >= 0 ? index + 1 : -index - 1;
        return first < recentSize ? first : -1;
    }

}

package vn.commune.telemetry.simulator.clock;

import java.util.PriorityQueue;

/**
 * The simulation's agenda: actions at simulated instants, run in time order and, at the same instant, in the order
 * they were scheduled. That order, and nothing else, decides the order of the messages, so a run is reproducible.
 * Holds a few entries per device at most (its next status, a battery or a fault end) plus the faults to come.
 */
public final class EventQueue {

    private final PriorityQueue<Entry> entries = new PriorityQueue<>();
    private long sequence;

    /** Runs {@code action} at simulated instant {@code time} (epoch milliseconds). */
    public void at(long time, Runnable action) {
        entries.add(new Entry(time, sequence++, action));
    }

    /** The time of the next action, or {@link Long#MAX_VALUE} when there is none. */
    public long nextTime() {
        Entry next = entries.peek();
        return next == null ? Long.MAX_VALUE : next.time;
    }

    /** Removes and returns the next action. */
    public Runnable poll() {
        Entry next = entries.poll();
        return next == null ? null : next.action;
    }

    /** Actions waiting. */
    public int size() {
        return entries.size();
    }

    private record Entry(long time, long sequence, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}

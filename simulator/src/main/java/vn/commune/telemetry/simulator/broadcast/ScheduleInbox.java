package vn.commune.telemetry.simulator.broadcast;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the schedules that arrive from the broker (on client threads) to the simulation thread. The same payload for
 * the same commune is passed on once, however many connections receive it; schedules of communes outside the fleet
 * are ignored. Bounded: when full, arrivals are dropped and counted.
 */
public final class ScheduleInbox {

    /** Arrivals waiting at most. */
    public static final int CAPACITY = 4_096;

    private static final String PREFIX = "cmd/commune/";
    private static final String SUFFIX = "/schedule";
    private static final Arrival WAKE = new Arrival("", new byte[0]);

    private final Set<String> communes;
    private final BlockingQueue<Arrival> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Map<String, byte[]> lastSeen = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /** An inbox for the schedules of these communes. */
    public ScheduleInbox(Set<String> communes) {
        this.communes = Set.copyOf(communes);
    }

    /**
     * A schedule arrived.
     *
     * @param topic   {@code cmd/commune/{communeId}/schedule}
     * @param payload the payload (empty: the retained schedule was deleted)
     */
    public void offer(String topic, byte[] payload) {
        if (!topic.startsWith(PREFIX) || !topic.endsWith(SUFFIX) || topic.length() <= PREFIX.length()
                + SUFFIX.length()) {
            return;
        }
        String commune = topic.substring(PREFIX.length(), topic.length() - SUFFIX.length());
        if (!communes.contains(commune)) {
            return;
        }
        byte[] copy = payload == null ? new byte[0] : payload.clone();
        byte[] previous = lastSeen.put(commune, copy);
        if (previous != null && Arrays.equals(previous, copy)) {
            return;
        }
        if (!queue.offer(new Arrival(commune, copy))) {
            dropped.incrementAndGet();
            lastSeen.remove(commune);
        }
    }

    /** The next arrival, waiting at most {@code nanos}; null when none came (or on {@link #wake()}). */
    public Arrival poll(long nanos) throws InterruptedException {
        Arrival arrival = nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
        return arrival == WAKE ? null : arrival;
    }

    /** Wakes the simulation thread if it waits in {@link #poll}. */
    public void wake() {
        queue.offer(WAKE);
    }

    /** Arrivals dropped because the inbox was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * A schedule payload for a commune.
     *
     * @param communeId the commune
     * @param payload   the payload, empty when the schedule was deleted
     */
    public record Arrival(String communeId, byte[] payload) {
    }
}

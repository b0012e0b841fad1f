package vn.commune.telemetry.service.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transitions of every device of the inventory, in memory: the read model that uptime, coverage and the present
 * state are computed from. Written on the event loop only; readable from any thread, since each device's history is
 * an immutable {@link HistorySnapshot} swapped in whole. Bounded: only inventory devices, at most
 * {@code maxPerDevice} transitions each (older ones are dropped and counted).
 */
public final class StateHistory {

    /**
     * What changed in storage terms when a stretch of a device's history was replaced.
     *
     * @param writes      transitions to store: new or changed ones
     * @param retractions instants that held a transition that is gone (with the cause in force there now), to store
     *                    as retracted
     * @param before      the last cause before the change
     * @param after       the last cause after it
     */
    public record Change(List<Transition> writes, List<Transition> retractions, Cause before, Cause after) {
    }

    private final Map<String, HistorySnapshot> devices = new ConcurrentHashMap<>();
    private final int maxPerDevice;
    private volatile long loadedFrom = Long.MAX_VALUE;
    private volatile boolean complete;
    private long dropped;
    /** Transitions held, kept up to date as devices' histories are swapped (so that reading it costs nothing). */
    private final AtomicLong held = new AtomicLong();

    public StateHistory(int maxPerDevice) {
        this.maxPerDevice = maxPerDevice;
    }

    /** The device's transitions (empty when none). */
    public HistorySnapshot of(String deviceId) {
        return devices.getOrDefault(deviceId, HistorySnapshot.EMPTY);
    }

    /** Since when memory holds everything stored ({@link Long#MAX_VALUE} before the first load). */
    public long loadedFrom() {
        return loadedFrom;
    }

    /** Records that memory now holds everything stored since {@code from}. */
    public void loadedFrom(long from) {
        this.loadedFrom = Math.min(loadedFrom, from);
    }

    /**
     * Records that everything storage keeps (back to the retention's start, {@code from}) is in memory: periods that
     * begin earlier are answered too, their part before {@code from} unknown (no data).
     */
    public void loadedAll(long from) {
        loadedFrom(from);
        complete = true;
    }

    /** Whether {@link #loadedAll} was called: the whole retained history is in memory. */
    public boolean complete() {
        return complete;
    }

    /** Transitions dropped to stay within the bound. */
    public long dropped() {
        return dropped;
    }

    /** Transitions held. */
    public long size() {
        return held.get();
    }

    /** Keeps only these devices (after an inventory reload). */
    public void retain(Set<String> deviceIds) {
        devices.entrySet().removeIf(entry -> {
            if (deviceIds.contains(entry.getKey())) {
                return false;
            }
            held.addAndGet(-entry.getValue().size());
            return true;
        });
    }

    private void put(String deviceId, HistorySnapshot snapshot) {
        HistorySnapshot old = devices.put(deviceId, snapshot);
        held.addAndGet(snapshot.size() - (old == null ? 0 : old.size()));
    }

    /** Replaces the device's transitions after {@code after} with {@code fresh} and says what to store. */
    public Change replaceAfter(String deviceId, long after, List<Transition> fresh) {
        HistorySnapshot old = of(deviceId);
        HistorySnapshot updated = bound(old.replaceAfter(after, fresh));
        put(deviceId, updated);
        List<Transition> writes = new ArrayList<>();
        List<Transition> retractions = new ArrayList<>();
        // compared from the instant {@code after} itself: a fold may set a transition there (evidence at one instant)
        List<Transition> stale = old.after(after == Long.MIN_VALUE ? after : after - 1);
        int s = 0;
        int kept = updated.firstAtOrAfter(after);
        for (int i = kept; i < updated.size(); i++) {
            long at = updated.at(i);
            Cause cause = updated.cause(i);
            while (s < stale.size() && stale.get(s).at() < at) {
                retractions.add(new Transition(stale.get(s).at(), updated.causeAt(stale.get(s).at())));
                s++;
            }
            if (s < stale.size() && stale.get(s).at() == at) {
                if (stale.get(s).cause() != cause) {
                    writes.add(new Transition(at, cause));
                }
                s++;
            } else {
                writes.add(new Transition(at, cause));
            }
        }
        for (; s < stale.size(); s++) {
            retractions.add(new Transition(stale.get(s).at(), updated.causeAt(stale.get(s).at())));
        }
        Transition before = old.last();
        Transition last = updated.last();
        return new Change(writes, retractions, before == null ? Cause.NO_DATA : before.cause(),
                last == null ? Cause.NO_DATA : last.cause());
    }

    /** Adds older transitions loaded from storage (each device's all before what memory holds). */
    public void prepend(Map<String, List<Transition>> older, long from, Collection<String> deviceIds) {
        for (String id : deviceIds) {
            List<Transition> list = older.getOrDefault(id, List.of());
            HistorySnapshot current = of(id);
            List<Transition> before = new ArrayList<>(list.size());
            long firstKnown = current.size() == 0 ? Long.MAX_VALUE : current.at(0);
            for (Transition t : list) {
                if (t.at() < firstKnown) {
                    before.add(t);
                }
            }
            put(id, bound(current.prepend(before, from)));
        }
        loadedFrom(from);
    }

    private HistorySnapshot bound(HistorySnapshot snapshot) {
        HistorySnapshot trimmed = snapshot.trim(maxPerDevice);
        dropped += snapshot.size() - trimmed.size();
        return trimmed;
    }
}

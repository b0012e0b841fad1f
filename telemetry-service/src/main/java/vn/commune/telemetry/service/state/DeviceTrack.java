package vn.commune.telemetry.service.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vn.commune.telemetry.inventory.Device;

/**
 * What the tracker remembers of one device: the fold state before its recent evidence ({@code base}) and that
 * evidence (at most the reorder window, sorted), so that data arriving slightly out of order is placed in memory.
 * Evidence older than the window, or arriving while the device is being folded again from storage, is handled by a
 * repair. Used on the event loop only.
 */
final class DeviceTrack {

    Device device;
    long intervalMs;
    long timeoutMs;
    FoldState base = FoldState.NEVER;
    /** Whether the evidence {@code base} ends with is known to be folded into history (not just read back). */
    boolean baseFolded;
    final List<Evidence> recent = new ArrayList<>();
    final List<Evidence> pending = new ArrayList<>();
    long lastReceived;
    long dirtyFrom = Long.MAX_VALUE;
    /** Evidence came out of order since this instant: fold again from storage once the device is quiet. */
    long settleFrom = Long.MAX_VALUE;
    /** When (wall clock) {@link #settleFrom} was first set. */
    long settleSince;
    /** The next fold from storage is a settling one (its changes are counted). */
    boolean settling;
    long repairFrom = Long.MAX_VALUE;
    boolean repairing;
    boolean ready;

    DeviceTrack(Device device, StateSettings settings, long now) {
        update(device, settings);
        this.lastReceived = now;
    }

    void update(Device newDevice, StateSettings settings) {
        this.device = newDevice;
        this.intervalMs = settings.intervalMillis(newDevice);
        this.timeoutMs = settings.timeoutMillis(newDevice);
    }

    /** Outcome of {@link #add}. */
    enum Added { CHANGED, DUPLICATE, TOO_LATE }

    /** Places evidence among the recent evidence (call {@link #trim} once it is folded). */
    Added add(Evidence e) {
        if (e.at() < base.lastAt() || e.at() == base.lastAt() && (e.cause() != base.cause() || !baseFolded)) {
            return Added.TOO_LATE;
        }
        if (e.at() == base.lastAt()) {
            return Added.DUPLICATE;
        }
        int index = Collections.binarySearch(recent, e, Evidence.ORDER);
        if (index >= 0) {
            return Added.DUPLICATE;
        }
        recent.add(-index - 1, e);
        return Added.CHANGED;
    }

    /**
     * Moves the oldest recent evidence into {@code base} until at most {@code window} remain. Only once their
     * consequences are in history: a fold replaces what follows {@code base}, never what lies at or before it.
     */
    void trim(int window) {
        while (recent.size() > window) {
            base = FoldState.after(recent.remove(0));
            baseFolded = true;
        }
    }

    /** The earliest instant whose evidence is not yet folded into history: dirty, being repaired or waiting. */
    long unsettledFrom() {
        long from = Math.min(Math.min(dirtyFrom, repairFrom), settleFrom);
        for (Evidence evidence : pending) {
            from = Math.min(from, evidence.at());
        }
        return from;
    }

    /** Marks the device for a repair from {@code at}. */
    void dirty(long at) {
        dirtyFrom = Math.min(dirtyFrom, at);
    }

    /** Folds {@code base} and the recent evidence; the present is {@code now}. */
    EvidenceFold.Result fold(long now) {
        return EvidenceFold.fold(base, recent, intervalMs, timeoutMs, horizon(now));
    }

    /**
     * The horizon for a timeout after the last evidence: the present, but only once nothing has been received from
     * the device for the timeout either (a device still sending is catching up a backlog, not silent).
     */
    long horizon(long now) {
        return now - lastReceived > timeoutMs ? now : EvidenceFold.NO_HORIZON;
    }

    /** Starts over from a seed and the stored evidence after it (sorted); keeps the newest in the window. */
    void reseed(FoldState seed, List<Evidence> evidence, int window) {
        recent.clear();
        int keepFrom = Math.max(0, evidence.size() - window);
        base = keepFrom == 0 ? seed : FoldState.after(evidence.get(keepFrom - 1));
        // the seed was read back, not folded here: a copy of it arriving later is folded again, to be sure
        baseFolded = keepFrom > 0;
        recent.addAll(evidence.subList(keepFrom, evidence.size()));
    }

    /** Instant of the last evidence. */
    long lastAt() {
        return recent.isEmpty() ? base.lastAt() : recent.get(recent.size() - 1).at();
    }

    /** Whether the last evidence was a sign of life. */
    boolean lastLife() {
        return recent.isEmpty() ? base.lastLife() : recent.get(recent.size() - 1).life();
    }
}

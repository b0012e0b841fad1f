package vn.commune.telemetry.service.state;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.ingest.IngestPipeline;

/**
 * Keeps every device's transitions up to date as messages are stored: folds each device's evidence in event time
 * ({@link EvidenceFold}), replaces what changed in the {@link StateHistory} and stores the changed transitions.
 * Evidence in order, or slightly out of order, is placed in memory; evidence older than what memory holds, devices
 * that fell silent, and every device at start are folded again from storage by {@link StateRepairs}. Runs on the
 * event loop; memory is one track per inventory device.
 */
public final class StateTracker {

    /** At DEBUG, every step of every device (accept, placement, repair, change): for diagnosing a wrong history. */
    private static final Logger LOG = LoggerFactory.getLogger(StateTracker.class);

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final StateSettings settings;
    private final StateHistory history;
    private final TransitionSink writer;
    private final StateMetrics metrics;
    private final LongSupplier clock;
    private final Map<String, DeviceTrack> tracks = new HashMap<>();
    private final List<Consumer<String>> changeHandlers = new ArrayList<>();
    private long watchdogTimer = -1;
    private long lastMissWarning = System.nanoTime() - 60_000_000_000L;

    public StateTracker(Vertx vertx, Supplier<Inventory> inventory, StateSettings settings, StateHistory history,
            TransitionSink writer, StateMetrics metrics, LongSupplier clock) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.settings = settings;
        this.history = history;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        long now = clock.getAsLong();
        for (Device device : inventory.get().devices()) {
            tracks.put(device.id(), new DeviceTrack(device, settings, now));
        }
    }

    /** Told the id of a device whose latest cause changed (its present state may have). */
    public void onChange(Consumer<String> handler) {
        changeHandlers.add(handler);
    }

    /** Marks every device for a fold from storage from {@code from} on, and starts the watchdog. */
    public void start(long from) {
        for (DeviceTrack track : tracks.values()) {
            track.dirty(from);
        }
        watchdogTimer = vertx.setPeriodic(settings.watchdogPeriod().toMillis(), id -> watchdog());
    }

    /** Stops the watchdog. */
    public void stop() {
        vertx.cancelTimer(watchdogTimer);
    }

    /** Takes a message that is now durable (the ingest pipeline's accepted handler). */
    public void accept(IngestPipeline.Accepted accepted) {
        DeviceTrack track = tracks.get(accepted.device().id());
        if (track == null) {
            return;
        }
        track.lastReceived = Math.max(track.lastReceived, accepted.receivedAtMillis());
        Evidence evidence = Evidence.of(accepted.message(), accepted.receivedAtMillis());
        if (evidence.at() <= track.lastAt() || !track.ready || track.repairing) {
            // out of order (or again), or arriving while the device is folded from storage: once the device is
            // quiet, fold it once more from storage to settle it
            if (track.settleFrom == Long.MAX_VALUE) {
                track.settleSince = clock.getAsLong();
            }
            track.settleFrom = Math.min(track.settleFrom, evidence.at());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} accept {} ready={} repairing={} pending={}", track.device.id(), evidence, track.ready,
                    track.repairing, track.pending.size());
        }
        if (!track.ready || track.repairing) {
            if (track.pending.size() < 4 * settings.reorderWindow()) {
                track.pending.add(evidence);
            } else {
                track.dirty(evidence.at());
            }
            return;
        }
        place(track, evidence);
    }

    private void place(DeviceTrack track, Evidence evidence) {
        DeviceTrack.Added added = track.add(evidence);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} place {} -> {} (base {} folded={}, recent {})", track.device.id(), evidence, added,
                    track.base, track.baseFolded, track.recent.size());
        }
        switch (added) {
            case CHANGED -> {
                refold(track);
                track.trim(settings.reorderWindow());
            }
            case TOO_LATE -> {
                metrics.late();
                track.dirty(evidence.at());
            }
            default -> {
            }
        }
    }

    /**
     * The earliest instant whose evidence is not yet folded into history (late data waiting for a repair, data
     * received while a device was being repaired), or {@link Long#MAX_VALUE}: recorded with the service's run so that
     * the next start folds again from there if this run ends first.
     */
    public long unsettledFrom() {
        long from = Long.MAX_VALUE;
        for (DeviceTrack track : tracks.values()) {
            from = Math.min(from, track.unsettledFrom());
        }
        return from;
    }

    /** Devices waiting for a fold from storage. */
    public int dirtyDevices() {
        return count(track -> track.dirtyFrom != Long.MAX_VALUE);
    }

    /** Devices whose messages came out of order and that wait to be folded once more when quiet. */
    public int settlingDevices() {
        return count(track -> track.settleFrom != Long.MAX_VALUE);
    }

    private int count(Predicate<DeviceTrack> which) {
        int n = 0;
        for (DeviceTrack track : tracks.values()) {
            if (which.test(track)) {
                n++;
            }
        }
        return n;
    }

    /** Follows an inventory reload: new devices are folded from storage, removed ones forgotten. */
    public void inventoryChanged(Inventory updated) {
        long now = clock.getAsLong();
        Map<String, DeviceTrack> kept = new HashMap<>();
        for (Device device : updated.devices()) {
            DeviceTrack track = tracks.get(device.id());
            if (track == null) {
                track = new DeviceTrack(device, settings, now);
                track.dirty(now - settings.seedLookback().toMillis());
            } else {
                track.update(device, settings);
            }
            kept.put(device.id(), track);
        }
        tracks.clear();
        tracks.putAll(kept);
        history.retain(kept.keySet());
    }

    /** The tracks waiting for a repair and not in one. */
    List<DeviceTrack> dirtyTracks() {
        List<DeviceTrack> dirty = new ArrayList<>();
        for (DeviceTrack track : tracks.values()) {
            if (track.dirtyFrom != Long.MAX_VALUE && !track.repairing) {
                dirty.add(track);
            }
        }
        return dirty;
    }

    /** The track of a device (tests). */
    DeviceTrack track(String id) {
        return tracks.get(id);
    }

    /** The present, in epoch milliseconds. */
    long now() {
        return clock.getAsLong();
    }

    /**
     * Applies a fold from storage. The fold starts from what history holds just before the second-to-last stored
     * evidence before {@code cut} and takes in both of them again: either may have been stored and never handed over
     * (a restart between them, or it arrived while the device was being repaired), and evidence before them that
     * shows up later is too late and repaired again. Without evidence within the lookback the fold starts from what
     * history holds there.
     */
    void reseed(DeviceTrack track, EvidenceReader.Stored stored, long cut) {
        FoldState seed;
        List<Transition> prefix = List.of();
        List<Evidence> evidence = stored.evidence();
        List<Evidence> before = stored.before();
        if (!before.isEmpty()) {
            // both are folded again, relative to what memory holds just before the first: either message may have
            // been stored and never folded here (it arrived during a repair, or a restart came between)
            Evidence first = before.get(0);
            evidence = new ArrayList<>(before.size() + stored.evidence().size());
            evidence.addAll(before);
            evidence.addAll(stored.evidence());
            seed = new FoldState(first.at() - 1, false, history.of(track.device.id()).causeAt(first.at() - 1));
        } else {
            // nothing stored in the whole lookback before the cut: evidence arriving later for that stretch is new,
            // so the seed sits at the lookback's start and such evidence is folded in memory, not repaired
            long from = cut - settings.seedLookback().toMillis() - 1;
            Cause known = history.of(track.device.id()).causeAt(from);
            if (known.state() == DeviceState.ONLINE) {
                // a sign of life just before the lookback and nothing since: it timed out there
                prefix = List.of(new Transition(from, Cause.TIMEOUT));
                seed = new FoldState(from, false, Cause.TIMEOUT);
            } else {
                seed = new FoldState(from, false, known);
            }
        }
        evidence = withKnown(track, evidence, seed.lastAt());
        EvidenceFold.Result result = EvidenceFold.fold(seed, evidence, track.intervalMs, track.timeoutMs,
                track.horizon(now()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} reseed cut={} before={} seed={} evidence={} pending={}", track.device.id(), cut,
                    stored.before(), seed, evidence.size() <= 6 ? evidence : evidence.subList(0, 6) + "...",
                    track.pending.size());
        }
        List<Transition> transitions = result.transitions();
        if (!prefix.isEmpty()) {
            transitions = new ArrayList<>(prefix);
            transitions.addAll(result.transitions());
        }
        StateHistory.Change change = apply(track, new EvidenceFold.Result(transitions, result.end()),
                seed.lastAt() - (prefix.isEmpty() ? 0 : 1));
        if (track.settling) {
            track.settling = false;
            int changed = change.writes().size() + change.retractions().size();
            if (changed > 0) {
                // the history folded in memory differed from the fold of what is stored: worth knowing how often
                metrics.settleChanged(changed);
                LOG.info("State: settling {} changed {} transition(s) of its history (writes {}, retracted {})",
                        track.device.id(), changed, change.writes(), change.retractions());
            }
        }
        track.reseed(seed, evidence, settings.reorderWindow());
        track.ready = true;
        track.repairing = false;
        List<Evidence> waiting = new ArrayList<>(track.pending);
        track.pending.clear();
        waiting.sort(Evidence.ORDER);
        for (Evidence e : waiting) {
            place(track, e);
        }
    }

    /**
     * The stored evidence after {@code after} together with what memory already holds there: a message folded here
     * was stored before it was handed over, so a read that lacks it (seen with InfluxDB 1.x under load) must not
     * take it back out of the history.
     */
    private List<Evidence> withKnown(DeviceTrack track, List<Evidence> stored, long after) {
        List<Evidence> missing = new ArrayList<>();
        int matter = 0;
        long firstAt = stored.isEmpty() ? Long.MAX_VALUE : stored.get(0).at();
        for (Evidence known : track.recent) {
            if (known.at() > after && Collections.binarySearch(stored, known, Evidence.ORDER) < 0) {
                missing.add(known);
                // at the first instant of the read, the answer holds only the last two in order (LIMIT 2): one
                // before them at that instant changes nothing; anything else the read should have had
                if (known.at() != firstAt) {
                    matter++;
                }
            }
        }
        if (missing.isEmpty()) {
            return stored;
        }
        if (matter > 0) {
            metrics.readMissed(matter);
        }
        long now = System.nanoTime();
        if (matter > 0 && now - lastMissWarning > 60_000_000_000L) {
            lastMissWarning = now;
            LOG.warn("State: InfluxDB's answer for {} lacked {} message(s) already folded ({}); kept them (logged once "
                    + "a minute, counted in ct_state_read_missed)", track.device.id(), missing.size(), missing);
        }
        List<Evidence> merged = new ArrayList<>(stored.size() + missing.size());
        merged.addAll(stored);
        merged.addAll(missing);
        merged.sort(Evidence.ORDER);
        return merged;
    }

    private void refold(DeviceTrack track) {
        apply(track, track.fold(now()), track.base.lastAt());
    }

    /** Looks for silent devices and for devices to settle (every {@code watchdogPeriod}; tests call it directly). */
    void watchdog() {
        long now = now();
        long settleAfter = settings.settleAfter().toMillis();
        for (DeviceTrack track : tracks.values()) {
            // quiet for settleAfter; a device that never pauses that long is settled after twice that at the latest
            if (track.settleFrom != Long.MAX_VALUE && track.ready && !track.repairing
                    && (now - track.lastReceived >= settleAfter || now - track.settleSince >= 2 * settleAfter)) {
                track.dirty(track.settleFrom);
                track.settleFrom = Long.MAX_VALUE;
                track.settling = true;
                metrics.settled();
                continue;
            }
            if (!track.ready || track.repairing || !track.lastLife() || track.dirtyFrom != Long.MAX_VALUE) {
                continue;
            }
            long last = track.lastAt();
            if (now - last > track.timeoutMs && now - track.lastReceived > track.timeoutMs
                    && history.of(track.device.id()).causeAt(Long.MAX_VALUE) != Cause.TIMEOUT) {
                // silent: confirm from storage (another instance may have heard it) and conclude there
                track.dirty(last);
            }
        }
    }

    private StateHistory.Change apply(DeviceTrack track, EvidenceFold.Result result, long after) {
        String id = track.device.id();
        StateHistory.Change change = history.replaceAfter(id, after, result.transitions());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} apply after={} fresh={} writes={} retractions={}", id, after, result.transitions(),
                    change.writes(), change.retractions());
        }
        if (!change.writes().isEmpty() || !change.retractions().isEmpty()) {
            Map<String, String> tags = inventory.get().tags(id);
            for (Transition transition : change.writes()) {
                writer.write(id, transition.at(), TransitionStore.line(tags, transition, false));
                metrics.transitionWritten(transition.state());
            }
            for (Transition transition : change.retractions()) {
                writer.write(id, transition.at(), TransitionStore.line(tags, transition, true));
            }
        }
        if (change.before() != change.after()) {
            for (Consumer<String> handler : changeHandlers) {
                handler.accept(id);
            }
        }
        return change;
    }
}

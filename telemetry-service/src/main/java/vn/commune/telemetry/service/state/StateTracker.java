package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.storage.PointSink;

/**
 * Keeps every device's transitions up to date as its messages are stored. Each device's evidence lives in a
 * {@link DeviceEvidence}, whose fold does not depend on arrival order; a message changes it, the stretch that changed
 * is folded again ({@link EvidenceFold}), and {@link StateHistory#replaceAfter} says what to write and what to
 * retract. Storage is never read here: {@link StateRecovery} builds the evidence at start from what is stored, and
 * from then on memory is the one source. A retraction therefore happens only when late data changes the past.
 *
 * <p>The watchdog concludes timeouts from memory: a device silent for its timeout by the wall clock, and from which
 * nothing at all has been received for that long (a device catching up a backlog is not silent), is offline from its
 * last sign of life plus one interval. Runs on the event loop; memory is one {@link DeviceEvidence} per inventory
 * device, growing with outages, not with messages.
 */
public final class StateTracker {

    /** At DEBUG, every change of every device: for diagnosing a wrong history. */
    private static final Logger LOG = LoggerFactory.getLogger(StateTracker.class);
    /** Forgetting items that can no longer change is done this often (watchdog passes). */
    private static final int PRUNE_EVERY = 60;
    /** Kept beyond the window in which messages are accepted, for clocks and timers that disagree a little. */
    private static final long PRUNE_MARGIN_MS = 3_600_000L;
    /** What {@link #fold} answers when the history did not change. */
    static final Future<Void> NOTHING_WRITTEN = Future.succeededFuture();

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final StateSettings settings;
    private final StateHistory history;
    private final PointSink sink;
    private final StateMetrics metrics;
    private final LongSupplier clock;
    private Map<String, Tracked> devices = new HashMap<>();
    private final List<Consumer<String>> changeHandlers = new ArrayList<>();
    private long watchdogTimer = -1;
    private int passes;
    private volatile long estimatedSplits;
    private volatile long evidenceItems;

    /** A device's evidence with what the tracker needs beside it. */
    static final class Tracked {
        Device device;
        long intervalMs;
        long timeoutMs;
        DeviceEvidence evidence;
        /** Wall clock of the last message received from the device. */
        long lastReceived;
        /** The latest wall-clock instant at which the device was known silent for its timeout (or MIN_VALUE). */
        long silentAt = EvidenceFold.NO_HORIZON;
        /** Completes once every transition point written for the device so far is durable. */
        Future<Void> written = NOTHING_WRITTEN;

        Tracked(Device device, StateSettings settings, DeviceEvidence evidence, long now) {
            update(device, settings);
            this.evidence = evidence;
            this.lastReceived = now;
        }

        void update(Device newDevice, StateSettings settings) {
            this.device = newDevice;
            this.intervalMs = settings.intervalMillis(newDevice);
            this.timeoutMs = settings.timeoutMillis(newDevice);
        }

        /**
         * The present for a timeout after the last evidence: the latest instant at which nothing had been received
         * from the device for its timeout (so a backlog being caught up concludes nothing, and a timeout once
         * concluded is not taken back by data that only fills in the past).
         */
        long horizon(long now) {
            if (now - lastReceived > timeoutMs) {
                silentAt = Math.max(silentAt, now);
            }
            return silentAt;
        }
    }

    public StateTracker(Vertx vertx, Supplier<Inventory> inventory, StateSettings settings, StateHistory history,
            PointSink sink, StateMetrics metrics, LongSupplier clock) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.settings = settings;
        this.history = history;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One empty record per device of {@code inv} (recovery builds them on a worker, then {@link #install}s them;
     * messages are held until then).
     */
    Map<String, Tracked> fresh(Inventory inv, long now) {
        Map<String, Tracked> all = new HashMap<>(inv.devices().size() * 2);
        for (Device device : inv.devices()) {
            all.put(device.id(), new Tracked(device, settings, DeviceEvidence.empty(), now));
        }
        return all;
    }

    /**
     * Takes the records recovery built for the inventory {@code builtFor}; should the inventory have been reloaded
     * since, keeps only devices still in it and adds the new ones.
     */
    void install(Map<String, Tracked> recovered, Inventory builtFor) {
        Inventory inv = inventory.get();
        if (inv == builtFor) {
            devices = recovered;
            return;
        }
        devices = new HashMap<>();
        recovered.forEach((id, tracked) -> {
            if (inv.device(id).isPresent()) {
                devices.put(id, tracked);
            }
        });
        long now = clock.getAsLong();
        for (Device device : inv.devices()) {
            devices.computeIfAbsent(device.id(), id -> new Tracked(device, settings, StateRecovery.rebuild(
                    history.of(id), now - window(), null, null, settings.intervalMillis(device)), now));
        }
    }

    /** Told the id of a device whose latest cause changed (its present state may have). */
    public void onChange(Consumer<String> handler) {
        changeHandlers.add(handler);
    }

    /** Starts the watchdog. */
    public void start() {
        watchdogTimer = vertx.setPeriodic(settings.watchdogPeriod().toMillis(), id -> watchdog());
    }

    /** Stops the watchdog. */
    public void stop() {
        vertx.cancelTimer(watchdogTimer);
    }

    /**
     * Takes a message that is now stored. The Future completes once the transitions it changed are durable (at once
     * when it changed none): the ingest path acknowledges the message only then, so a crash in between has the
     * broker deliver it again and nothing derived from it is lost.
     *
     * @param device           the device, from the inventory
     * @param evidence         what the message says
     * @param receivedAtMillis when it arrived (wall clock)
     */
    public Future<Void> accept(Device device, Evidence evidence, long receivedAtMillis) {
        Tracked tracked = devices.get(device.id());
        if (tracked == null) {
            return Future.succeededFuture();
        }
        tracked.lastReceived = Math.max(tracked.lastReceived, receivedAtMillis);
        int changed = tracked.evidence.add(evidence, tracked.intervalMs, tracked.timeoutMs);
        if (changed == DeviceEvidence.UNCHANGED) {
            return durable(tracked);
        }
        if (changed == DeviceEvidence.TOO_OLD) {
            metrics.tooOld();
            return durable(tracked);
        }
        if (changed < tracked.evidence.size() - 1 || evidence.at() < tracked.evidence.lastAt()) {
            metrics.outOfOrder();
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} out of order: {} before the last evidence at {}", device.id(), evidence,
                        tracked.evidence.lastAt());
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} accept {} -> fold from item {} of {}", device.id(), evidence, changed,
                    tracked.evidence.size());
        }
        fold(tracked, changed, clock.getAsLong());
        return durable(tracked);
    }

    /**
     * Completes once everything written for the device so far is durable: a message that changed nothing still
     * rests on what earlier ones changed (it lies inside the stretch they opened), so it is acknowledged, and
     * stored, only after those writes are durable too.
     */
    private static Future<Void> durable(Tracked tracked) {
        if (tracked.written.isComplete() && tracked.written.succeeded()) {
            tracked.written = NOTHING_WRITTEN;
        }
        return tracked.written;
    }

    /** Follows an inventory reload: new devices start empty, removed ones are forgotten. */
    public void inventoryChanged(Inventory updated) {
        long now = clock.getAsLong();
        Map<String, Tracked> kept = new HashMap<>();
        for (Device device : updated.devices()) {
            Tracked tracked = devices.get(device.id());
            if (tracked == null) {
                HistorySnapshot known = history.of(device.id());
                tracked = new Tracked(device, settings, StateRecovery.rebuild(known, now - window(), null, null,
                        settings.intervalMillis(device)), now);
            } else {
                tracked.update(device, settings);
            }
            kept.put(device.id(), tracked);
        }
        devices.clear();
        devices.putAll(kept);
        history.retain(kept.keySet());
    }

    /**
     * Offline marks placed inside a run further back than the recent signs of life reach (see
     * {@link DeviceEvidence}), as of the last watchdog pass.
     */
    public long estimatedSplits() {
        return estimatedSplits;
    }

    /** Items of evidence held, all devices together, as of the last watchdog pass (grows with outages). */
    public long evidenceItems() {
        return evidenceItems;
    }

    /** The tracked device (recovery, tests). */
    Tracked tracked(String id) {
        return devices.get(id);
    }

    /** The inventory now (recovery). */
    Inventory inventory() {
        return inventory.get();
    }

    /** How far back evidence is kept: the window in which messages are accepted, and a margin. */
    long window() {
        return settings.evidenceWindow().toMillis() + PRUNE_MARGIN_MS;
    }

    /** What folding a device again says its history is after {@code after}: see {@link #refold}. */
    record Refold(Tracked tracked, long after, List<Transition> fresh) {
    }

    /** Folds the device's evidence again from item {@code from} and applies the result. */
    Future<Void> fold(Tracked tracked, int from, long now) {
        Refold refold = refold(tracked, from, now);
        return refold == null ? NOTHING_WRITTEN : apply(refold);
    }

    /**
     * Folds the device's evidence again from item {@code from}, without applying it: {@code null} when the history
     * already says the same. Touches nothing but the device's record, so recovery runs it on a worker for records
     * not installed yet.
     */
    Refold refold(Tracked tracked, int from, long now) {
        DeviceEvidence evidence = tracked.evidence;
        FoldState seed = evidence.seedBefore(from);
        EvidenceFold.Result result = EvidenceFold.fold(seed, evidence.from(from), tracked.intervalMs,
                tracked.timeoutMs, tracked.horizon(now));
        List<Transition> fresh = result.transitions();
        if (history.of(tracked.device.id()).after(seed.lastAt()).equals(fresh)) {
            return null;
        }
        return new Refold(tracked, seed.lastAt(), fresh);
    }

    /** Looks for silent devices and forgets evidence too old to change (every {@code watchdogPeriod}). */
    void watchdog() {
        long now = clock.getAsLong();
        boolean prune = ++passes % PRUNE_EVERY == 0;
        long pruneBefore = prune ? now - window() - 2 * maxTimeout() : Long.MIN_VALUE;
        long splits = 0;
        long items = 0;
        for (Tracked tracked : devices.values()) {
            DeviceEvidence evidence = tracked.evidence;
            if (prune) {
                evidence.prune(pruneBefore - tracked.timeoutMs);
            }
            splits += evidence.estimatedSplits();
            items += evidence.size();
            if (evidence.size() == 0 || !evidence.lastLife()) {
                continue;
            }
            long last = evidence.lastAt();
            if (now - last <= tracked.timeoutMs || now - tracked.lastReceived <= tracked.timeoutMs) {
                continue;
            }
            Transition latest = history.of(tracked.device.id()).last();
            if (latest != null && latest.cause() == Cause.TIMEOUT && latest.at() > last) {
                continue;
            }
            fold(tracked, evidence.size() - 1, now);
        }
        estimatedSplits = splits;
        evidenceItems = items;
    }

    private long maxTimeout() {
        long max = 0;
        for (Tracked tracked : devices.values()) {
            max = Math.max(max, tracked.timeoutMs);
        }
        return max;
    }

    /** Writes what a fold found different (on the event loop: the history's one writer). */
    Future<Void> apply(Refold refold) {
        Tracked tracked = refold.tracked();
        long after = refold.after();
        List<Transition> fresh = refold.fresh();
        String id = tracked.device.id();
        StateHistory.Change change = history.replaceAfter(id, after, fresh);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} apply after={} fresh={} writes={} retractions={}", id, after, fresh, change.writes(),
                    change.retractions());
        }
        Future<Void> written = NOTHING_WRITTEN;
        if (!change.writes().isEmpty() || !change.retractions().isEmpty()) {
            Map<String, String> tags = inventory.get().tags(id);
            List<String> lines = new ArrayList<>(change.writes().size() + change.retractions().size());
            for (Transition transition : change.writes()) {
                lines.add(TransitionStore.line(tags, transition, lastLifeBefore(tracked, transition), false));
                metrics.transitionWritten(transition.state());
            }
            for (Transition transition : change.retractions()) {
                lines.add(TransitionStore.line(tags, transition, null, true));
                metrics.retracted();
            }
            written = sink.write(lines);
            Future<Void> before = tracked.written;
            tracked.written = before == NOTHING_WRITTEN || before.isComplete() && before.succeeded() ? written
                    : Future.all(before, written).mapEmpty();
        }
        if (change.before() != change.after()) {
            for (Consumer<String> handler : changeHandlers) {
                handler.accept(id);
            }
        }
        return written;
    }

    /** For a timeout, the last sign of life it follows (stored with it: recovery rebuilds the run from it). */
    private static Long lastLifeBefore(Tracked tracked, Transition transition) {
        if (transition.cause() != Cause.TIMEOUT) {
            return null;
        }
        return transition.at() - tracked.intervalMs;
    }
}

package vn.commune.telemetry.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.state.Evidence;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.state.StateRecovery;
import vn.commune.telemetry.service.state.StateTracker;
import vn.commune.telemetry.service.state.TransitionStore;
import vn.commune.telemetry.service.support.Backoff;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * The start-up of device state, one chain of Futures: once nothing stored waits in a spool any more (InfluxDB has
 * everything), the service's runs, the maintenance windows and the broadcast schedules are loaded,
 * then the newest month of transitions (parsed and put in memory on a worker) and beside it the stored messages
 * recovery needs, then {@link StateRecovery} rebuilds every device's evidence and folds it; then state is ready, messages that arrived meanwhile are folded in arrival
 * order, and older months load in the background. A failed step (InfluxDB away) starts the chain again after a backoff of 1 to 30 s.
 */
final class StateStartup {

    private static final Logger LOG = LoggerFactory.getLogger(StateStartup.class);
    private static final long DAY_MS = 86_400_000L;
    private static final long SLICE_MS = 30 * DAY_MS;
    /** Messages held while recovering, at most; beyond, they stay unacknowledged until the broker sends them again. */
    private static final int MAX_HELD = 500_000;

    private record Held(Device device, Evidence evidence, long receivedAt, Promise<Void> done) {
    }

    private final Vertx vertx;
    private final ServiceConfig config;
    private final InventoryStore inventory;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final TransitionStore transitions;
    private final StateTracker tracker;
    private final StateRecovery recovery;
    private final MaintenanceStore maintenance;
    private final Supplier<Future<Void>> loadBroadcasts;
    private final PresentStates present;
    private final LongSupplier clock;
    private final Supplier<Future<Void>> storageSettled;
    private final long oldest;
    private final Deque<Held> held = new ArrayDeque<>();
    private final Backoff retries = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private long markerTimer = -1;
    private long maintenanceTimer = -1;
    private long retryTimer = -1;
    private boolean stopped;
    private volatile boolean ready;

    StateStartup(Vertx vertx, ServiceConfig config, InventoryStore inventory, StateHistory history, ServiceRuns runs,
            TransitionStore transitions, StateTracker tracker, StateRecovery recovery, MaintenanceStore maintenance,
            Supplier<Future<Void>> loadBroadcasts, PresentStates present, LongSupplier clock,
            Supplier<Future<Void>> storageSettled) {
        this.storageSettled = storageSettled;
        this.vertx = vertx;
        this.config = config;
        this.inventory = inventory;
        this.history = history;
        this.runs = runs;
        this.transitions = transitions;
        this.tracker = tracker;
        this.recovery = recovery;
        this.maintenance = maintenance;
        this.loadBroadcasts = loadBroadcasts;
        this.present = present;
        this.clock = clock;
        this.oldest = runs.start() - config.storage().retention().toMillis();
    }

    /** Whether recovery is done: history in memory for the newest month, every device's evidence rebuilt. */
    boolean ready() {
        return ready;
    }

    /** A stored message for state: folded now, or held until recovery is done. */
    Future<Void> accept(Device device, Evidence evidence, long receivedAt) {
        if (ready) {
            return tracker.accept(device, evidence, receivedAt);
        }
        if (held.size() >= MAX_HELD) {
            return Future.failedFuture("state is still recovering and already holds " + MAX_HELD + " messages");
        }
        Promise<Void> done = Promise.promise();
        held.add(new Held(device, evidence, receivedAt, done));
        return done.future();
    }

    /** Starts in the background; never fails (retries while InfluxDB is away). */
    void start() {
        long now = clock.getAsLong();
        // everything stored must be in InfluxDB first, not still in a spool
        storageSettled.get()
                .compose(v -> runs.load())
                .compose(v -> maintenance.refresh())
                .compose(v -> loadBroadcasts.get())
                .compose(v -> {
                    // the stored messages recovery needs are read beside the transitions (measured: one after the
                    // other took 2.5 s longer for a country)
                    Future<StateRecovery.Stored> stored = recovery.read(
                            now + config.ingest().maxAhead().toMillis(), now);
                    return transitions.load(now - SLICE_MS, now + DAY_MS, oldest)
                            .compose(loaded -> prepend(loaded, now - SLICE_MS))
                            .compose(loaded -> {
                                LOG.info("State: {} transitions of the last 30 days loaded in {} ms; rebuilding every "
                                        + "device's evidence", history.size(), clock.getAsLong() - now);
                                return recovery.recover(loaded, stored, now);
                            });
                })
                .onSuccess(changed -> started(now))
                .onFailure(e -> {
                    if (!stopped) {
                        long delay = retries.next();
                        LOG.warn("State: cannot recover from InfluxDB yet ({}); retrying in {} ms", e.getMessage(),
                                delay);
                        retryTimer = vertx.setTimer(delay, id -> start());
                    }
                });
    }

    private void started(long now) {
        if (stopped) {
            return;
        }
        retries.reset();
        runs.mark(false);
        markerTimer = vertx.setPeriodic(config.state().runMarkerPeriod().toMillis(), id -> {
            runs.mark(false);
            runs.load();
        });
        maintenanceTimer = vertx.setPeriodic(config.api().maintenanceRefresh().toMillis(),
                id -> maintenance.refresh());
        tracker.start();
        ready = true;
        List<Held> waiting = List.copyOf(held);
        held.clear();
        for (Held message : waiting) {
            tracker.accept(message.device(), message.evidence(), message.receivedAt()).onComplete(message.done());
        }
        present.start(config.api().presentSweep().toMillis());
        LOG.info("State: ready in {} ms ({} messages that arrived meanwhile folded)", clock.getAsLong() - now,
                waiting.size());
        loadOlder(now - SLICE_MS);
    }

    private void loadOlder(long to) {
        if (stopped || to <= oldest) {
            history.loadedAll(oldest);
            return;
        }
        long from = Math.max(oldest, to - SLICE_MS);
        transitions.load(from, to, oldest)
                .compose(loaded -> prepend(loaded, from))
                .onSuccess(loaded -> loadOlder(from))
                .onFailure(e -> {
                    long delay = retries.next();
                    LOG.warn("State: cannot load older transitions yet ({}); retrying in {} ms", e.getMessage(),
                            delay);
                    retryTimer = vertx.setTimer(delay, id -> loadOlder(to));
                });
    }

    /** Puts loaded transitions (from {@code from} on) in memory, on a worker: a country's month is a lot of work. */
    private Future<TransitionStore.Loaded> prepend(TransitionStore.Loaded loaded, long from) {
        return vertx.executeBlocking(() -> {
            history.prepend(loaded.transitions(), from, inventory.current().devices().stream().map(Device::id)
                    .toList());
            return loaded;
        }, false);
    }

    /** Stops the timers and records the end of this run (a clean stop). */
    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(markerTimer);
        vertx.cancelTimer(maintenanceTimer);
        vertx.cancelTimer(retryTimer);
        tracker.stop();
        present.stop();
        for (Held message : held) {
            message.done().tryFail("stopping");
        }
        held.clear();
        if (markerTimer == -1) {
            return Future.succeededFuture();
        }
        return runs.mark(true).timeout(10, TimeUnit.SECONDS);
    }
}

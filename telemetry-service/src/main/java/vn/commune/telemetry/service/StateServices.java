package vn.commune.telemetry.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.service.api.CoverageEndpoint;
import vn.commune.telemetry.service.api.DevicesEndpoint;
import vn.commune.telemetry.service.api.EventsEndpoint;
import vn.commune.telemetry.service.api.InventoryEndpoint;
import vn.commune.telemetry.service.api.MaintenanceEndpoint;
import vn.commune.telemetry.service.api.PlaceEndpoint;
import vn.commune.telemetry.service.api.StateStatusEndpoint;
import vn.commune.telemetry.service.api.UptimeEndpoint;
import vn.commune.telemetry.service.config.ServiceConfig;
import vn.commune.telemetry.service.coverage.CoverageService;
import vn.commune.telemetry.service.ingest.IngestPipeline;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.inventory.InventoryWatcher;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.state.EvidenceReader;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.state.StateMetrics;
import vn.commune.telemetry.service.state.StateRepairs;
import vn.commune.telemetry.service.state.StateTracker;
import vn.commune.telemetry.service.state.TransitionStore;
import vn.commune.telemetry.service.state.TransitionWriter;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.InfluxWriter;
import vn.commune.telemetry.service.uptime.PresentStates;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Wires device state and what is read from it (uptime, coverage, maintenance, places, devices, events) for the
 * verticle, and runs its start-up: the service's runs, maintenance windows and the newest month of transitions are
 * loaded (retried while InfluxDB is away), then every device is folded again from storage from shortly before the
 * previous run ended, then older months load in the background.
 */
final class StateServices {

    private static final Logger LOG = LoggerFactory.getLogger(StateServices.class);
    private static final long DAY_MS = 86_400_000L;
    private static final long SLICE_MS = 30 * DAY_MS;
    private static final long RECOVERY_MARGIN_MS = 10 * 60_000L;
    private static final long RETRY_MS = 5_000;

    private final Vertx vertx;
    private final ServiceConfig config;
    private final InventoryStore inventory;
    private final LongSupplier clock = System::currentTimeMillis;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final TransitionStore transitions;
    private final StateTracker tracker;
    private final TransitionWriter transitionWriter;
    private final StateRepairs repairs;
    private final MaintenanceStore maintenance;
    private final PresentStates present;
    private final UptimeService uptime;
    private final CoverageService coverage;
    private final InventoryWatcher watcher;
    private final MeterRegistry registry;
    private final InfluxHttpClient influx;
    private final long oldest;
    private long markerTimer = -1;
    private long maintenanceTimer = -1;
    private long retryTimer = -1;
    private boolean stopped;
    private boolean started;

    StateServices(Vertx vertx, ServiceConfig config, InventoryStore inventory, InfluxHttpClient influx,
            InfluxWriter writer, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.inventory = inventory;
        this.registry = registry;
        this.influx = influx;
        StateMetrics metrics = StateMetrics.micrometer(registry);
        this.history = new StateHistory(config.state().historyPerDevice());
        this.runs = new ServiceRuns(influx, writer, config.mqtt().clientId(), clock);
        this.transitions = new TransitionStore(influx);
        this.transitionWriter = new TransitionWriter(vertx, influx, config.state().transitionQueue());
        this.tracker = new StateTracker(vertx, inventory::current, config.state(), history, transitionWriter, metrics,
                clock);
        this.repairs = new StateRepairs(vertx, tracker, new EvidenceReader(influx), writer, config.state(), metrics);
        this.maintenance = new MaintenanceStore(influx, writer, config.api().maintenanceMaxWindows());
        this.present = new PresentStates(vertx, inventory::current, history, runs, maintenance, clock);
        this.uptime = new UptimeService(vertx, inventory::current, history, runs, maintenance, clock);
        this.coverage = new CoverageService(vertx, inventory::current, uptime, present, influx, config.coverage());
        this.watcher = new InventoryWatcher(vertx, inventory);
        this.oldest = runs.start() - config.storage().retention().toMillis();
        metrics.bind(tracker, history, transitionWriter);
        tracker.onChange(present::deviceChanged);
        inventory.onReload(updated -> {
            tracker.inventoryChanged(updated);
            present.sweep();
        });
    }

    /** Feeds state tracking from the ingest pipeline. */
    void listen(IngestPipeline pipeline) {
        pipeline.acceptedHandler(tracker::accept);
    }

    /** The API routes of everything read from state (after the existing device routes). */
    void addRoutes(Router router) {
        new DevicesEndpoint(inventory, present, maintenance, influx, clock).addRoutes(router);
        new PlaceEndpoint(inventory, present).addRoutes(router);
        new UptimeEndpoint(inventory, uptime, clock).addRoutes(router);
        new CoverageEndpoint(inventory, coverage, clock).addRoutes(router);
        new MaintenanceEndpoint(inventory, maintenance, clock).addRoutes(router);
        new InventoryEndpoint(inventory).addRoutes(router);
        new StateStatusEndpoint(tracker, history, runs, present, this::ready).addRoutes(router);
        new EventsEndpoint(vertx, inventory, present, clock, config.api().sseMaxClients(), registry)
                .addRoutes(router);
    }

    /** Whether the newest month is loaded and every device has been folded from storage. */
    boolean ready() {
        return started && repairs.idle();
    }

    /** Starts in the background; never fails (retries while InfluxDB is away). */
    void start() {
        if (config.api().inventoryWatch() != null) {
            watcher.start(config.api().inventoryWatch().toMillis());
        }
        attempt();
    }

    private void attempt() {
        long now = clock.getAsLong();
        runs.load()
                .compose(v -> maintenance.refresh())
                .compose(v -> transitions.load(now - SLICE_MS, now + DAY_MS, oldest))
                .onSuccess(loaded -> {
                    if (stopped) {
                        return;
                    }
                    history.prepend(loaded, now - SLICE_MS, inventory.current().devices().stream()
                            .map(Device::id).toList());
                    Long previous = runs.recoverFrom(RECOVERY_MARGIN_MS);
                    long recoverFrom = previous == null ? runs.start() - RECOVERY_MARGIN_MS : previous;
                    LOG.info("State: {} transitions of the last 30 days loaded; folding every device again from {}",
                            history.size(), Instant.ofEpochMilli(recoverFrom));
                    runs.mark(false, unsettledFrom());
                    markerTimer = vertx.setPeriodic(config.state().runMarkerPeriod().toMillis(), id -> {
                        runs.mark(false, unsettledFrom());
                        runs.load();
                    });
                    maintenanceTimer = vertx.setPeriodic(config.api().maintenanceRefresh().toMillis(),
                            id -> maintenance.refresh());
                    tracker.start(recoverFrom);
                    repairs.start();
                    present.start(config.api().presentSweep().toMillis());
                    started = true;
                    loadOlder(now - SLICE_MS);
                })
                .onFailure(e -> {
                    if (!stopped) {
                        LOG.warn("State: cannot load from InfluxDB yet ({}); retrying in 5 s", e.getMessage());
                        retryTimer = vertx.setTimer(RETRY_MS, id -> attempt());
                    }
                });
    }

    private void loadOlder(long to) {
        if (stopped || to <= oldest) {
            history.loadedAll(oldest);
            return;
        }
        long from = Math.max(oldest, to - SLICE_MS);
        transitions.load(from, to, oldest)
                .onSuccess(loaded -> {
                    history.prepend(loaded, from, inventory.current().devices().stream().map(Device::id).toList());
                    loadOlder(from);
                })
                .onFailure(e -> {
                    LOG.warn("State: cannot load older transitions yet ({}); retrying in 5 s", e.getMessage());
                    retryTimer = vertx.setTimer(RETRY_MS, id -> loadOlder(to));
                });
    }

    /** From where transitions are not yet all derived and written (see {@link ServiceRuns#mark}). */
    private long unsettledFrom() {
        return Math.min(transitionWriter.pendingFrom(), tracker.unsettledFrom());
    }

    /**
     * Stops: finishes the repairs under way (the broker is already disconnected, so no more data comes), writes the
     * transitions still queued, and records the end of this run with what, if anything, is still unsettled (each
     * step bounded in time).
     */
    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(markerTimer);
        vertx.cancelTimer(maintenanceTimer);
        vertx.cancelTimer(retryTimer);
        watcher.stop();
        tracker.stop();
        present.stop();
        if (markerTimer == -1) {
            repairs.stop();
            return Future.succeededFuture();
        }
        return settled(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))
                .eventually(() -> {
                    repairs.stop();
                    return transitionWriter.drain().timeout(10, TimeUnit.SECONDS);
                })
                .eventually(() -> runs.mark(true, unsettledFrom()));
    }

    /** Completes once no repair is waiting or under way, or at the deadline. */
    private Future<Void> settled(long deadlineNanos) {
        if (repairs.idle() || System.nanoTime() > deadlineNanos) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(100, id -> settled(deadlineNanos).onComplete(promise));
        return promise.future();
    }
}

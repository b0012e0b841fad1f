package vn.commune.telemetry.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import vn.commune.telemetry.service.alert.Alert;
import vn.commune.telemetry.service.alert.AlertEngine;
import vn.commune.telemetry.service.alert.AlertStore;
import vn.commune.telemetry.service.alert.Channel;
import vn.commune.telemetry.service.alert.LogChannel;
import vn.commune.telemetry.service.alert.Dispatcher;
import vn.commune.telemetry.service.alert.EmailChannel;
import vn.commune.telemetry.service.alert.TelegramChannel;
import vn.commune.telemetry.service.alert.WebhookChannel;
import vn.commune.telemetry.service.api.AlertEndpoint;
import vn.commune.telemetry.service.api.BroadcastEndpoint;
import vn.commune.telemetry.service.api.CoverageEndpoint;
import vn.commune.telemetry.service.api.DevicesEndpoint;
import vn.commune.telemetry.service.api.EventsEndpoint;
import vn.commune.telemetry.service.api.InventoryEndpoint;
import vn.commune.telemetry.service.api.MaintenanceEndpoint;
import vn.commune.telemetry.service.api.ScheduleEndpoint;
import vn.commune.telemetry.service.api.EmergencyEndpoint;
import vn.commune.telemetry.service.broadcast.ComplianceService;
import vn.commune.telemetry.service.broadcast.MissedBroadcasts;
import vn.commune.telemetry.service.broadcast.EmergencyReach;
import vn.commune.telemetry.service.broadcast.EmergencyStore;
import vn.commune.telemetry.service.broadcast.SampleSchedules;
import vn.commune.telemetry.service.broadcast.SchedulePublisher;
import vn.commune.telemetry.service.broadcast.ScheduleRules;
import vn.commune.telemetry.service.broadcast.ScheduleStore;
import vn.commune.telemetry.service.ingest.MqttConnection;
import vn.commune.telemetry.service.api.PlaceEndpoint;
import vn.commune.telemetry.service.api.ReportEndpoint;
import vn.commune.telemetry.service.api.StateStatusEndpoint;
import vn.commune.telemetry.service.api.UptimeEndpoint;
import vn.commune.telemetry.service.coverage.CoverageService;
import vn.commune.telemetry.service.ingest.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.storage.StorageSchema;
import vn.commune.telemetry.service.inventory.InventoryWatcher;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.state.Evidence;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.state.StateMetrics;
import vn.commune.telemetry.service.state.StateRecovery;
import vn.commune.telemetry.service.state.StateTracker;
import vn.commune.telemetry.service.state.TransitionStore;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.StatusReads;
import vn.commune.telemetry.service.uptime.PresentStates;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Wires device state and what is read from it (uptime, coverage, maintenance, places, devices, events), and the
 * broadcast schedules (stored the same way), for the
 * verticle. Its start-up is {@link StateStartup}. State points (transitions, run markers, maintenance windows) go to
 * {@code stateSink}, the ordered writer.
 */
final class StateServices {

    private static final Logger LOG = LoggerFactory.getLogger(StateServices.class);

    private final Vertx vertx;
    private final ServiceConfig config;
    private final InventoryStore inventory;
    private final LongSupplier clock = System::currentTimeMillis;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final StateTracker tracker;
    private final MaintenanceStore maintenance;
    private final PresentStates present;
    private final UptimeService uptime;
    private final CoverageService coverage;
    private final InventoryWatcher watcher;
    private final MeterRegistry registry;
    private final InfluxHttpClient influx;
    private final StateStartup startup;
    private final ScheduleStore schedules;
    private final EmergencyStore emergencies;
    private final SchedulePublisher publisher;
    private final AlertStore alertStore;
    private final AlertEngine alerts;
    private final MaintenanceStore silences;
    private final ComplianceService compliance;
    private final MissedBroadcasts missed;
    private long silenceTimer = -1;

    StateServices(Vertx vertx, ServiceConfig config, InventoryStore inventory, InfluxHttpClient influx,
            PointSink stateSink, Supplier<Future<Void>> storageSettled, MqttConnection mqtt, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.inventory = inventory;
        this.registry = registry;
        this.influx = influx;
        StateMetrics metrics = StateMetrics.micrometer(registry);
        this.history = new StateHistory(config.state().historyPerDevice());
        this.runs = new ServiceRuns(influx, stateSink, config.mqtt().clientId(), clock);
        this.tracker = new StateTracker(vertx, inventory::current, config.state(), history, stateSink, metrics,
                clock);
        this.maintenance = new MaintenanceStore(influx, stateSink, config.api().maintenanceMaxWindows());
        this.schedules = new ScheduleStore(influx, stateSink);
        this.emergencies = new EmergencyStore(influx, stateSink);
        this.publisher = new SchedulePublisher(vertx, mqtt, schedules, emergencies, clock);
        this.present = new PresentStates(vertx, inventory::current, history, runs, maintenance, clock);
        this.uptime = new UptimeService(vertx, inventory::current, history, runs, maintenance, clock);
        this.coverage = new CoverageService(vertx, inventory::current, uptime, present, new StatusReads(influx),
                config.coverage());
        this.watcher = new InventoryWatcher(vertx, inventory);
        this.alertStore = new AlertStore(influx, stateSink);
        this.silences = new MaintenanceStore(influx, stateSink, config.api().maintenanceMaxWindows(),
                StorageSchema.SILENCE, "si-");
        List<Channel> channels = new ArrayList<>();
        if (config.alerting().log()) {
            channels.add(new LogChannel(vertx, config.dataDir().resolve("alerts.jsonl")));
        }
        if (config.alerting().webhook() != null) {
            channels.add(new WebhookChannel(vertx, config.alerting().webhook()));
        }
        if (config.alerting().smtp() != null) {
            channels.add(new EmailChannel(vertx, config.alerting().smtp()));
        }
        if (config.alerting().telegramToken() != null) {
            channels.add(new TelegramChannel(vertx, config.alerting().telegramUrl(),
                    config.alerting().telegramToken()));
        }
        Dispatcher dispatcher = new Dispatcher(vertx, channels, alertStore::logNotification,
                config.dataDir().resolve("alerts-dead-letter.jsonl"), clock, config.alerting().groupWait(),
                config.alerting().maxPerMinute(), config.alerting().language(), registry);
        this.alerts = new AlertEngine(vertx, inventory::current, present, alertStore, dispatcher, clock,
                config.alerting().rules(), config.alerting().language(), config.alerting().dashboardUrl(),
                config.alerting().settle(), config.alerting().escalateAfter(), this::silenced);
        this.compliance = new ComplianceService(vertx, inventory::current, schedules, emergencies, uptime, influx,
                config.broadcast().missBelow());
        this.missed = new MissedBroadcasts(vertx, inventory::current, compliance, alerts, clock,
                config.alerting().broadcastCheck(), config.alerting().broadcastGrace(), config.alerting().language());
        try {
            alerts.loadRules();
        } catch (InventoryException e) {
            throw new IllegalStateException("the alert rules cannot be read: " + e.getMessage(), e);
        }
        this.startup = new StateStartup(vertx, config, inventory, history, runs, new TransitionStore(influx),
                tracker, new StateRecovery(vertx, StateRecovery.influx(influx), tracker, history), maintenance,
                () -> schedules.refresh().compose(v -> emergencies.refresh()).compose(v -> seedSamples())
                        .onSuccess(v -> publisher.start()),
                present, clock, storageSettled);
        metrics.bind(tracker, history);
        tracker.onChange(present::deviceChanged);
        inventory.onReload(updated -> {
            tracker.inventoryChanged(updated);
            present.sweep();
        });
    }

    private Future<Void> seedSamples() {
        if (!config.broadcast().sampleSchedules()) {
            return Future.succeededFuture();
        }
        return SampleSchedules.seed(schedules, new ScheduleRules(config.broadcast().emergencyMax()),
                inventory.current(), clock.getAsLong(), config.broadcast().sampleBack());
    }

    /**
     * Whether a silence or a maintenance window covers the alert's subject now: its device (its own windows and
     * those of its places), or for a commune alert the commune or a place above it.
     */
    private boolean silenced(Alert alert, long now) {
        Inventory inv = inventory.current();
        if (alert.type().perCommune()) {
            Set<String> chain = new HashSet<>();
            inv.ancestors(alert.deviceId()).forEach(place -> chain.add(place.id()));
            return Stream.concat(silences.all().stream(), maintenance.all().stream()).anyMatch(window ->
                    window.activeAt(now) && MaintenanceWindow.PLACE.equals(window.targetKind())
                            && chain.contains(window.target()));
        }
        return inv.device(alert.deviceId()).map(device -> Stream.concat(silences.covering(device, inv).stream(),
                maintenance.covering(device, inv).stream()).anyMatch(window -> window.activeAt(now))).orElse(false);
    }

    /** Feeds state tracking from the ingest pipeline: a message is acknowledged once its state is durable too. */
    void listen(IngestPipeline pipeline) {
        pipeline.stateHandler(accepted -> {
            if (accepted.message() instanceof StatusMessage status) {
                alerts.status(accepted.device(), status, accepted.receivedAtMillis());
            } else if (accepted.message() instanceof EventMessage event) {
                alerts.event(event);
            }
            return startup.accept(accepted.device(), Evidence.of(accepted.message(), accepted.receivedAtMillis()),
                    accepted.receivedAtMillis());
        });
    }

    /** The API routes of everything read from state (after the existing device routes). */
    void addRoutes(Router router) {
        new DevicesEndpoint(inventory, present, maintenance, new StatusReads(influx), clock).addRoutes(router);
        new PlaceEndpoint(inventory, present).addRoutes(router);
        new UptimeEndpoint(inventory, uptime, clock).addRoutes(router);
        new CoverageEndpoint(inventory, coverage, clock).addRoutes(router);
        new MaintenanceEndpoint(inventory, maintenance, clock).addRoutes(router);
        ScheduleRules rules = new ScheduleRules(config.broadcast().emergencyMax());
        new ScheduleEndpoint(inventory, schedules, publisher, rules, clock).addRoutes(router);
        new EmergencyEndpoint(inventory, emergencies, publisher, new EmergencyReach(influx), rules, clock)
                .addRoutes(router);
        new BroadcastEndpoint(inventory, compliance, clock).addRoutes(router);
        new ReportEndpoint(inventory, compliance, clock).addRoutes(router);
        new AlertEndpoint(inventory, alerts, alertStore, clock).addRoutes(router);
        new MaintenanceEndpoint(inventory, silences, clock, "/api/v1/silences").addRoutes(router);
        new InventoryEndpoint(inventory).addRoutes(router);
        new StateStatusEndpoint(tracker, history, runs, present, startup::ready).addRoutes(router);
        new EventsEndpoint(vertx, inventory, present, alerts, clock, config.api().sseMaxClients(), registry)
                .addRoutes(router);
    }

    /** Starts in the background; never fails (retries while InfluxDB is away). */
    void start() {
        if (config.api().inventoryWatch() != null) {
            watcher.start(config.api().inventoryWatch().toMillis());
        }
        startup.start();
        silences.refresh()
                .onFailure(e -> LOG.warn("Alerts: silences not loaded yet ({}); they load with the next refresh",
                        e.getMessage()))
                .eventually(() -> alerts.start(startup::ready))
                .onSuccess(v -> missed.start())
                .onFailure(e -> LOG.error("Alerts: cannot start: {}", e.getMessage()));
        silenceTimer = vertx.setPeriodic(config.api().maintenanceRefresh().toMillis(), id -> silences.refresh());
    }

    /** Stops timers and records the end of this run (the state points are then flushed by their writer). */
    Future<Void> stop() {
        watcher.stop();
        publisher.stop();
        alerts.stop();
        missed.stop();
        vertx.cancelTimer(silenceTimer);
        return startup.stop();
    }
}

package vn.commune.telemetry.simulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.simulator.broadcast.ScheduleInbox;
import vn.commune.telemetry.simulator.clock.SimClock;
import vn.commune.telemetry.simulator.device.DeviceFactory;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.engine.EngineResult;
import vn.commune.telemetry.simulator.engine.SimulationEngine;
import vn.commune.telemetry.simulator.fleet.FleetIndex;
import vn.commune.telemetry.simulator.load.ResourceMeter;
import vn.commune.telemetry.simulator.mqtt.BrokerAddress;
import vn.commune.telemetry.simulator.mqtt.ConnectionFailures;
import vn.commune.telemetry.simulator.mqtt.DeviceEndpoint;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;
import vn.commune.telemetry.simulator.mqtt.LinkSettings;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.simulator.truth.TruthWriter;

/**
 * A running simulation: the devices of an inventory speaking wire protocol v1 to a broker, with faults, writing the
 * ground truth. Start it, wait for {@link #completion()} (a bounded run ends by itself) or {@link #stop()} it.
 *
 * <pre>
 * try (Simulation simulation = Simulation.start(SimulationConfig.builder(broker.url(), inventory)
 *         .duration(Duration.ofHours(2)).unpaced().seed(7).truthFile(truth).build())) {
 *     SimulationReport report = simulation.completion().get(2, TimeUnit.MINUTES);
 * }
 * </pre>
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long FILES_RESERVED = 64;
    private static final long ABORT_AFTER_SECONDS = 15;

    private final SimulationConfig config;
    private final LinksFactory linksFactory;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<SimulationReport> completion = new CompletableFuture<>();
    private final Thread thread;
    private volatile SimulationEngine engine;
    private volatile SimClock clock;
    private volatile boolean stopRequested;

    private Simulation(SimulationConfig config, LinksFactory linksFactory) {
        this.config = config;
        this.linksFactory = linksFactory;
        this.thread = new Thread(this::run, "simulation");
        this.thread.setDaemon(true);
    }

    /** Starts a simulation on its own thread; connecting happens in the background (see {@link #started()}). */
    public static Simulation start(SimulationConfig config) {
        return start(config, (settings, endpoints, mode, sink) -> DeviceLinks.create(settings, endpoints,
                mode.perDeviceConnections(), mode.pool(), sink));
    }

    /** Starts a simulation whose devices reach the broker through links from {@code linksFactory} (tests). */
    static Simulation start(SimulationConfig config, LinksFactory linksFactory) {
        Simulation simulation = new Simulation(config, linksFactory);
        simulation.thread.start();
        return simulation;
    }

    /** Makes the devices' links. */
    @FunctionalInterface
    interface LinksFactory {
        /** Links for these devices in this (resolved) mode, handing received schedules to {@code sink}. */
        DeviceLinks create(LinkSettings settings, List<DeviceEndpoint> endpoints, ConnectionMode mode,
                BiConsumer<String, byte[]> sink);
    }

    /** Completes when every device is connected and the simulated clock runs; fails when connecting fails. */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** Completes with the report when the run ends (its duration is over, or {@link #stop()}), or fails. */
    public CompletableFuture<SimulationReport> completion() {
        return completion;
    }

    /** The simulated present (the clock's, or the last event's when unpaced); the start before it runs. */
    public Instant simulatedNow() {
        SimulationEngine current = engine;
        SimClock currentClock = clock;
        if (current == null || currentClock == null) {
            return config.startAt(Instant.now());
        }
        if (currentClock.unpaced()) {
            return Instant.ofEpochMilli(current.lastMillis());
        }
        return Instant.ofEpochMilli(Math.max(current.lastMillis(), currentClock.nowMillis()));
    }

    /** Ends the run at the present simulated instant; {@link #completion()} completes once the truth is closed. */
    public void stop() {
        stopRequested = true;
        SimulationEngine current = engine;
        if (current != null) {
            current.requestStop();
            CompletableFuture.delayedExecutor(ABORT_AFTER_SECONDS, TimeUnit.SECONDS).execute(() -> {
                if (!completion.isDone()) {
                    current.abort();
                }
            });
        }
    }

    /** Stops the run and waits for it to end. */
    @Override
    public void close() {
        stop();
        try {
            completion.handle((report, failure) -> null).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the simulation did not end within 2 minutes of being stopped");
        }
    }

    private void run() {
        long wallStart = System.nanoTime();
        Instant configured = Instant.now();
        FleetIndex fleet = new FleetIndex(config.inventory());
        ConnectionMode mode = config.connections().resolve(fleet.size());
        DeviceLinks links = null;
        try {
            checkFileLimit(mode, fleet.size());
            if (!config.faults().faults().isEmpty()) {
                Instant provisional = config.startAt(configured);
                SimulationEngine.checkFaults(config.faults(), fleet, new DeviceFactory(fleet, config.seed(),
                        provisional.toEpochMilli(), config.intervals()).createAll(), config.seed());
            }
            ScheduleInbox inbox = new ScheduleInbox(new HashSet<>(fleet.communes()));
            String tag = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
            LinkSettings settings = new LinkSettings(BrokerAddress.parse(config.brokerUrl(), config.caFile()),
                    config.username(), config.password(), config.maxInFlight(), Math.max(1, Math.min(4,
                    Runtime.getRuntime().availableProcessors())), CONNECT_TIMEOUT, tag);
            links = linksFactory.create(settings, endpoints(fleet), mode, inbox::offer);
            LOG.info("connecting {} devices to {} ({} connections)", fleet.size(), settings.broker(), mode);
            open(links, settings.broker(), fleet.size());
            Instant start = config.start() != null || config.accelerated() ? config.startAt(configured)
                    : config.startAt(Instant.now());
            SimClock simClock = new SimClock(start.toEpochMilli(), config.speed(), System::nanoTime);
            SimulationEngine simulationEngine = createEngine(fleet, mode, links, inbox, simClock);
            this.clock = simClock;
            this.engine = simulationEngine;
            if (stopRequested) {
                simulationEngine.requestStop();
            }
            started.complete(null);
            EngineResult result = runWithProgress(simulationEngine, links);
            DeviceLinks finished = links;
            links = null;
            finished.close();
            completion.complete(report(result, start, mode, finished, wallStart));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (TimeoutException e) {
            fail(new IllegalStateException("connecting to " + config.brokerUrl() + " took too long", e));
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            if (links != null) {
                links.close();
            }
        }
    }

    /** The engine of the run, prepared: truth header and devices written, faults resolved, schedules applied. */
    private SimulationEngine createEngine(FleetIndex fleet, ConnectionMode mode, DeviceLinks links,
            ScheduleInbox inbox, SimClock simClock) throws IOException {
        Instant start = Instant.ofEpochMilli(simClock.startMillis());
        boolean wills = links.perDeviceWills() && config.speed() == 1 && config.start() == null;
        Long end = config.duration() == null ? null : start.plus(config.duration()).toEpochMilli();
        List<DeviceModel> models = new DeviceFactory(fleet, config.seed(), start.toEpochMilli(), config.intervals())
                .createAll();
        TruthWriter writer = config.truthFile() == null ? null : new TruthWriter(config.truthFile());
        SimulationEngine simulationEngine = new SimulationEngine(fleet, models, config.faults(), config.seed(),
                simClock, end, links, inbox, writer, wills);
        try {
            simulationEngine.prepare(header(start, end, mode, fleet, wills), deviceInfos(models, fleet, start));
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            throw e;
        }
        LOG.info("simulating {} devices from {} at speed {}{}, faults {}", fleet.size(), start,
                Double.isInfinite(config.speed()) ? "max" : config.speed(),
                end == null ? ", unbounded" : " until " + Instant.ofEpochMilli(end), config.faults().name());
        return simulationEngine;
    }

    private static void open(DeviceLinks links, BrokerAddress broker, int devices)
            throws InterruptedException, TimeoutException {
        try {
            links.open().get(CONNECT_TIMEOUT.toSeconds() + devices / 50, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot connect to " + broker + ": " + ConnectionFailures.describe(e),
                    e);
        }
    }

    private EngineResult runWithProgress(SimulationEngine simulationEngine, DeviceLinks links) {
        if (config.reportEvery() == null) {
            return simulationEngine.run();
        }
        ProgressLog progress = new ProgressLog(simulationEngine, clock, links.window(), new ResourceMeter());
        progress.start(config.reportEvery());
        try {
            return simulationEngine.run();
        } finally {
            progress.stop();
        }
    }

    private static SimulationReport report(EngineResult result, Instant start, ConnectionMode mode,
            DeviceLinks links, long wallStart) {
        return new SimulationReport(result.messages(), result.malformed(), result.truth(),
                Duration.ofNanos(System.nanoTime() - wallStart), start, Instant.ofEpochMilli(result.endMillis()),
                result.statuses(), result.events(), result.states(), result.duplicates(),
                links.window().acknowledged(), links.window().failed(), links.undeliverable(),
                result.schedulesApplied(), mode.toString(), result.backlogged());
    }

    private void fail(Throwable failure) {
        LOG.debug("simulation failed", failure);
        started.completeExceptionally(failure);
        completion.completeExceptionally(failure);
    }

    private static void checkFileLimit(ConnectionMode mode, int devices) {
        long limit = ResourceMeter.openFileLimit();
        if (mode.perDeviceConnections() && limit > 0 && devices + FILES_RESERVED > limit) {
            throw new IllegalArgumentException("connections: per-device mode needs a file descriptor per device ("
                    + devices + ") but this process may open " + limit + "; use --connections pooled");
        }
    }

    private static List<DeviceEndpoint> endpoints(FleetIndex fleet) {
        MessageCodec codec = new MessageCodec();
        List<DeviceEndpoint> endpoints = new ArrayList<>(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            Device device = fleet.devices().get(i);
            String commune = fleet.communeOf(i);
            String schedule = device.kind() == DeviceKind.LOUDSPEAKER && commune != null
                    ? Topics.communeSchedule(commune) : null;
            endpoints.add(new DeviceEndpoint(device.id(), Topics.state(device.id()),
                    codec.encode(StateMessage.will(device.id())), schedule));
        }
        return endpoints;
    }

    private TruthRecord.Header header(Instant start, Long end, ConnectionMode mode, FleetIndex fleet,
            boolean wills) {
        Map<String, Long> intervals = new LinkedHashMap<>();
        config.intervals().forEach((kind, interval) -> intervals.put(kind.wireName(), interval.toMillis()));
        return new TruthRecord.Header(1, config.seed(), start.toEpochMilli(), end, config.speed(), mode.toString(),
                config.faults().name(), config.faults().malformedRate(), fleet.size(), intervals, wills);
    }

    private static List<TruthRecord.DeviceInfo> deviceInfos(List<DeviceModel> models, FleetIndex fleet,
            Instant start) {
        List<TruthRecord.DeviceInfo> infos = new ArrayList<>(models.size());
        for (DeviceModel model : models) {
            infos.add(new TruthRecord.DeviceInfo(model.id(), model.kind(), model.device().placeId(),
                    fleet.communeOf(model.index()), model.power().solar() ? "solar" : "mains",
                    model.intervalMillis(), start.toEpochMilli() + model.phaseMillis()));
        }
        return infos;
    }
}

package vn.commune.telemetry.simulator.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.simulator.broadcast.BroadcastDirector;
import vn.commune.telemetry.simulator.broadcast.SlotLedger;
import vn.commune.telemetry.simulator.broadcast.ScheduleInbox;
import vn.commune.telemetry.simulator.clock.EventQueue;
import vn.commune.telemetry.simulator.clock.SimClock;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fleet.FleetIndex;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;
import vn.commune.telemetry.simulator.truth.TruthLedger;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.simulator.truth.TruthWriter;

/**
 * The simulation thread: runs the agenda in simulated-time order, paced by the clock, applying schedules as they
 * arrive, until the run's end or a stop; then closes the ground truth. Everything the model does happens on this
 * thread, which is what makes a run reproducible.
 */
public final class SimulationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SimulationEngine.class);
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    private final List<DeviceModel> models;
    private final SimClock clock;
    private final long end;
    private final ScheduleInbox inbox;
    private final TruthWriter writer;
    private final EventQueue queue = new EventQueue();
    private final Emitter emitter;
    private final TruthLedger ledger;
    private final DeviceLifecycle lifecycle;
    private final BroadcastDirector broadcasts;
    private final FaultInjector faults;
    private final DeviceLinks links;
    private volatile boolean stopRequested;
    private volatile long lastMillis;
    private volatile long lagMillis;

    /**
     * An engine for one run.
     *
     * @param fleet     the fleet
     * @param models    its device models, in inventory order
     * @param plan      the faults
     * @param seed      the seed
     * @param clock     the clock (not begun)
     * @param endMillis the simulated end, or null for an unbounded run
     * @param links     the devices' connections (open)
     * @param inbox     where schedules arrive
     * @param writer    the truth file, or null
     * @param wills     whether offline devices vanish (Will) rather than publish their offline state
     */
    public SimulationEngine(FleetIndex fleet, List<DeviceModel> models, FaultPlan plan, long seed, SimClock clock,
            Long endMillis, DeviceLinks links, ScheduleInbox inbox, TruthWriter writer, boolean wills) {
        this.models = models;
        this.clock = clock;
        this.end = endMillis == null ? Long.MAX_VALUE : endMillis;
        this.inbox = inbox;
        this.writer = writer;
        this.links = links;
        this.lastMillis = clock.startMillis();
        this.emitter = new Emitter(links);
        this.ledger = new TruthLedger(models, writer);
        this.lifecycle = new DeviceLifecycle(queue, emitter, ledger, links, wills, plan.malformedRate(),
                models.size());
        this.broadcasts = new BroadcastDirector(fleet, models, queue, lifecycle, new SlotLedger(ledger::note));
        this.lifecycle.broadcasts(broadcasts);
        this.faults = new FaultInjector(plan, fleet, models, seed, clock.startMillis(), end, queue, lifecycle,
                ledger);
    }

    /**
     * Prepares the run: writes the truth header and devices, resolves the faults, applies the schedules retained so
     * far.
     *
     * @throws IllegalArgumentException when the fault plan does not fit the inventory
     */
    public void prepare(TruthRecord.Header header, List<TruthRecord.DeviceInfo> devices) {
        ledger.note(header);
        devices.forEach(ledger::note);
        faults.prepare();
        long start = clock.startMillis();
        ScheduleInbox.Arrival arrival;
        try {
            while ((arrival = inbox.poll(0)) != null) {
                broadcasts.arrived(arrival.communeId(), arrival.payload(), start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DeviceModel model : models) {
            queue.at(start, () -> lifecycle.join(model, start));
        }
    }

    /**
     * Checks, before anything connects, that the faults at given times fit the fleet.
     *
     * @throws IllegalArgumentException naming the first fault that does not
     */
    public static void checkFaults(FaultPlan plan, FleetIndex fleet, List<DeviceModel> models, long seed) {
        FaultInjector.check(plan, fleet, models, seed);
    }

    /**
     * Runs until the end or a stop, then closes the truth; returns what happened. If the model fails, the truth file
     * is closed without its {@code end} line, so that a reader can tell.
     */
    public EngineResult run() {
        clock.begin();
        try {
            long endMillis;
            try {
                loop();
                endMillis = stopRequested ? stopInstant() : end;
                emitter.releaseAll(models);
            } catch (SimulationAborted aborted) {
                LOG.warn("stopped while waiting for the broker; {} messages unacknowledged",
                        links.window().inFlight());
                endMillis = stopInstant();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                endMillis = stopInstant();
            }
            faults.closeAll(endMillis);
            broadcasts.finish(endMillis);
            ledger.closeAll(endMillis);
            ledger.note(new TruthRecord.End(endMillis, emitter.messages(), emitter.malformed()));
            return new EngineResult(endMillis, emitter.messages(), emitter.statuses(), emitter.events(),
                    emitter.states(), emitter.duplicates(), emitter.malformed(), broadcasts.applied(),
                    broadcasts.refused(), ledger.summaries(), emitter.backlogged());
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private void loop() throws InterruptedException {
        while (!stopRequested) {
            long next = queue.nextTime();
            long due = Math.min(next, end);
            long wait = due == Long.MAX_VALUE ? IDLE_WAIT_NANOS : clock.nanosUntil(due);
            ScheduleInbox.Arrival arrival = inbox.poll(wait);
            if (arrival != null) {
                broadcasts.arrived(arrival.communeId(), arrival.payload(), arrivalInstant(next));
                continue;
            }
            if (stopRequested || due == Long.MAX_VALUE || clock.nanosUntil(due) > 0) {
                continue;
            }
            if (next >= end) {
                return;
            }
            if (!clock.unpaced()) {
                lagMillis = Math.max(0, clock.nowMillis() - next);
            }
            lastMillis = next;
            queue.poll().run();
        }
    }

    /** When a schedule that arrives now applies: the clock's present, but never before what already happened. */
    private long arrivalInstant(long nextEvent) {
        if (clock.unpaced()) {
            return lastMillis;
        }
        return Math.max(lastMillis, Math.min(Math.min(clock.nowMillis(), nextEvent), end));
    }

    private long stopInstant() {
        if (clock.unpaced()) {
            return lastMillis;
        }
        return Math.max(lastMillis, Math.min(clock.nowMillis(), end));
    }

    /** Asks the simulation thread to end the run at the present simulated instant. */
    public void requestStop() {
        stopRequested = true;
        inbox.wake();
    }

    /** Makes a simulation thread that waits for the broker give up. */
    public void abort() {
        requestStop();
        emitter.abort();
        links.window().abort();
    }

    /** The simulated instant of the last thing that happened. */
    public long lastMillis() {
        return lastMillis;
    }

    /** How late (wall clock, in simulated milliseconds) the last event ran: the broker or the CPU not keeping up. */
    public long lagMillis() {
        return lagMillis;
    }

    /** Messages published so far. */
    public long messages() {
        return emitter.messages();
    }
}

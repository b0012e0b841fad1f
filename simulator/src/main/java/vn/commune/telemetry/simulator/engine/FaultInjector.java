package vn.commune.telemetry.simulator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.simulator.clock.EventQueue;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.device.Holds;
import vn.commune.telemetry.simulator.device.LoudspeakerModel;
import vn.commune.telemetry.simulator.fault.DurationRange;
import vn.commune.telemetry.simulator.fault.FaultParams;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fault.FaultRate;
import vn.commune.telemetry.simulator.fault.FaultSpec;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fleet.FleetIndex;
import vn.commune.telemetry.simulator.fleet.Seeds;
import vn.commune.telemetry.simulator.truth.TruthLedger;
import vn.commune.telemetry.simulator.truth.TruthRecord;

/**
 * Injects the fault plan: the faults at given times, and the random ones drawn day by day of simulated time (each
 * day from its own stream, so a longer run starts with the same faults as a shorter one). Starts and ends each fault
 * on its devices and writes it to the ledger when it ends.
 */
final class FaultInjector {

    private static final long DAY_MILLIS = 86_400_000L;

    private final FaultPlan plan;
    private final FleetIndex fleet;
    private final FaultTargets targets;
    private final long seed;
    private final long start;
    private final long end;
    private final EventQueue queue;
    private final DeviceLifecycle lifecycle;
    private final TruthLedger ledger;
    private final Map<Long, ActiveFault> active = new LinkedHashMap<>();
    private long nextId;

    FaultInjector(FaultPlan plan, FleetIndex fleet, List<DeviceModel> models, long seed, long start, long end,
            EventQueue queue, DeviceLifecycle lifecycle, TruthLedger ledger) {
        this.plan = plan;
        this.fleet = fleet;
        this.targets = new FaultTargets(fleet, models);
        this.seed = seed;
        this.start = start;
        this.end = end;
        this.queue = queue;
        this.lifecycle = lifecycle;
        this.ledger = ledger;
    }

    /**
     * Resolves the faults at given times and draws the first day's random ones.
     *
     * @throws IllegalArgumentException when a fault names something the inventory lacks or does not fit its target
     */
    void prepare() {
        List<FaultSpec> specs = plan.faults();
        for (int i = 0; i < specs.size(); i++) {
            FaultSpec spec = specs.get(i);
            FaultTargets.Resolved resolved = resolve(targets, seed, i, spec);
            if (resolved == null) {
                continue;
            }
            long from = Math.max(start, spec.startMillis(start));
            long to = spec.startMillis(start) + spec.duration().toMillis();
            if (to > from) {
                create(spec.type(), resolved, from, to, spec.params(), spec.params().skewOrDefault().toMillis());
            }
        }
        window(0);
    }

    /**
     * Checks that every fault at a given time fits the fleet, without running anything.
     *
     * @throws IllegalArgumentException naming the first fault that does not
     */
    static void check(FaultPlan plan, FleetIndex fleet, List<DeviceModel> models, long seed) {
        FaultTargets targets = new FaultTargets(fleet, models);
        for (int i = 0; i < plan.faults().size(); i++) {
            resolve(targets, seed, i, plan.faults().get(i));
        }
    }

    private static FaultTargets.Resolved resolve(FaultTargets targets, long seed, int index, FaultSpec spec) {
        try {
            return targets.resolve(spec.type(), spec.target(), Seeds.stream(seed, index, "fault-target"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault " + (index + 1) + " (" + spec.type().wireName() + "): "
                    + e.getMessage(), e);
        }
    }

    private void window(long k) {
        long windowStart = start + k * DAY_MILLIS;
        for (FaultRate rate : plan.rates()) {
            if (rate.perDay() > 0) {
                drawRate(rate, windowStart, Seeds.stream(seed, k, "faults-" + rate.type().wireName()));
            }
        }
        long next = windowStart + DAY_MILLIS;
        if (next < end) {
            queue.at(next, () -> window(k + 1));
        }
    }

    private void drawRate(FaultRate rate, long windowStart, SplittableRandom random) {
        FaultType type = rate.type();
        if (type == FaultType.POWER_CUT) {
            for (Place village : fleet.villages()) {
                draw(rate, windowStart, random, () -> targets.place(type, village.id()));
            }
        } else if (type == FaultType.COMMUNE_OUTAGE || type == FaultType.UPLINK_CUT) {
            for (String commune : fleet.communes()) {
                draw(rate, windowStart, random, () -> targets.commune(type, commune));
            }
        } else {
            for (DeviceModel model : targets.candidates(type)) {
                draw(rate, windowStart, random, () -> targets.device(type, model.id()));
            }
        }
    }

    private void draw(FaultRate rate, long windowStart, SplittableRandom random,
            Supplier<FaultTargets.Resolved> target) {
        int count = Seeds.poisson(random, rate.perDay());
        for (int i = 0; i < count; i++) {
            long from = windowStart + random.nextLong(DAY_MILLIS);
            DurationRange range = rate.duration();
            long duration = Math.max(1, Seeds.uniformMillis(random, range.min().toMillis(), range.max().toMillis()));
            long maxSkew = rate.params().skewOrDefault().toMillis();
            long skew = maxSkew == 0 ? 0 : Seeds.uniformMillis(random, -Math.abs(maxSkew), Math.abs(maxSkew));
            create(rate.type(), target.get(), from, from + duration, rate.params(), skew);
        }
    }

    private void create(FaultType type, FaultTargets.Resolved resolved, long from, long to, FaultParams params,
            long skewMillis) {
        if (from >= end) {
            return;
        }
        long id = nextId++;
        ActiveFault fault = new ActiveFault(id, type, resolved.device(), resolved.place(), resolved.commune(), from,
                to, params, resolved.devices(), skewMillis, Seeds.stream(seed, id, "fault-instance"));
        queue.at(from, () -> begin(fault, from));
    }

    private void begin(ActiveFault fault, long t) {
        active.put(fault.id, fault);
        for (DeviceModel device : fault.targets) {
            apply(fault, device, t, true);
        }
        if (fault.type == FaultType.LINK_FLAP) {
            fault.linkDown = true;
            scheduleToggle(fault, t + draw(fault.random, fault.params.downOrDefault()));
        }
        queue.at(fault.to, () -> finish(fault, fault.to));
    }

    private void finish(ActiveFault fault, long t) {
        fault.ended = true;
        if (fault.type != FaultType.LINK_FLAP || fault.linkDown) {
            for (DeviceModel device : fault.targets) {
                apply(fault, device, t, false);
            }
        }
        active.remove(fault.id);
        ledger.fault(record(fault, t));
    }

    private void scheduleToggle(ActiveFault fault, long at) {
        if (at < fault.to) {
            queue.at(at, () -> toggle(fault, at));
        }
    }

    private void toggle(ActiveFault fault, long t) {
        if (fault.ended) {
            return;
        }
        DeviceModel device = fault.targets.get(0);
        if (fault.linkDown) {
            fault.linkDown = false;
            device.holds().remove(FaultType.LINK_FLAP);
            lifecycle.reevaluate(device, t);
            scheduleToggle(fault, t + draw(fault.random, fault.params.upOrDefault()));
        } else {
            fault.linkDown = true;
            device.holds().add(FaultType.LINK_FLAP);
            lifecycle.reevaluate(device, t);
            scheduleToggle(fault, t + draw(fault.random, fault.params.downOrDefault()));
        }
    }

    private static long draw(SplittableRandom random, DurationRange range) {
        return Math.max(1, Seeds.uniformMillis(random, range.min().toMillis(), range.max().toMillis()));
    }

    private void apply(ActiveFault fault, DeviceModel device, long t, boolean starts) {
        Holds holds = device.holds();
        switch (fault.type) {
            case POWER_CUT -> {
                if (starts) {
                    if (device.power().cutStarts(t)) {
                        lifecycle.powerLost(device, t);
                    }
                } else {
                    boolean wasEmpty = device.power().empty();
                    if (device.power().cutEnds(t)) {
                        lifecycle.powerRestored(device, t, wasEmpty);
                    }
                }
            }
            case LINK_FLAP, DEAD, COMMUNE_OUTAGE -> {
                toggleHold(holds, fault.type, starts);
                lifecycle.reevaluate(device, t);
            }
            case CLOCK_SKEW -> holds.addSkew(starts ? fault.skewMillis : -fault.skewMillis);
            case DUPLICATE, RECORDING_FAILURE -> toggleHold(holds, fault.type, starts);
            case UPLINK_CUT -> {
                toggleHold(holds, fault.type, starts);
                if (!starts && !holds.active(FaultType.UPLINK_CUT)) {
                    lifecycle.uplinkRestored(device);
                }
            }
            case TAMPER -> {
                toggleHold(holds, fault.type, starts);
                if (starts) {
                    lifecycle.eventIfOnline(device, t, EventType.TAMPER, "camera covered or moved");
                }
            }
            case AMP_FAILURE, OTHER_PROGRAM -> {
                toggleHold(holds, fault.type, starts);
                lifecycle.speakerChanged((LoudspeakerModel) device, t);
            }
            case HORN_FAILURE -> {
                int horns = fault.params.hornsOrDefault();
                holds.addHornsFailed(starts ? horns : -horns);
                lifecycle.speakerChanged((LoudspeakerModel) device, t);
            }
            case MALFORMED -> {
                double rate = fault.params.rateOrDefault();
                holds.addMalformedRate(starts ? rate : -rate);
            }
        }
    }

    private static void toggleHold(Holds holds, FaultType type, boolean starts) {
        if (starts) {
            holds.add(type);
        } else {
            holds.remove(type);
        }
    }

    /** Writes the faults still acting when the run ends at {@code t}, in the order they started. */
    void closeAll(long t) {
        for (ActiveFault fault : new ArrayList<>(active.values())) {
            ledger.fault(record(fault, Math.min(t, fault.to)));
        }
        active.clear();
    }

    private TruthRecord.Fault record(ActiveFault fault, long to) {
        Map<String, Object> details = new LinkedHashMap<>();
        switch (fault.type) {
            case POWER_CUT -> {
                List<String> hit = new ArrayList<>();
                for (DeviceModel device : fault.targets) {
                    if (!device.power().solar()) {
                        hit.add(device.id());
                    }
                }
                details.put("devices", hit);
            }
            case CLOCK_SKEW -> details.put("skew_ms", fault.skewMillis);
            case HORN_FAILURE -> details.put("horns", fault.params.hornsOrDefault());
            case MALFORMED -> details.put("rate", fault.params.rateOrDefault());
            default -> {
            }
        }
        return new TruthRecord.Fault(fault.type.wireName(), fault.device, fault.place, fault.commune, fault.from, to,
                details);
    }
}

package vn.commune.telemetry.simulator.engine;

import java.util.List;
import java.util.SplittableRandom;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fault.FaultParams;
import vn.commune.telemetry.simulator.fault.FaultType;

/** A fault instance of a run: what it hits and when, resolved from a spec or drawn from a rate. */
final class ActiveFault {

    final long id;
    final FaultType type;
    final String device;
    final String place;
    final String commune;
    final long from;
    final long to;
    final FaultParams params;
    final List<DeviceModel> targets;
    final long skewMillis;
    final SplittableRandom random;
    boolean linkDown;
    boolean ended;

    ActiveFault(long id, FaultType type, String device, String place, String commune, long from, long to,
            FaultParams params, List<DeviceModel> targets, long skewMillis, SplittableRandom random) {
        this.id = id;
        this.type = type;
        this.device = device;
        this.place = place;
        this.commune = commune;
        this.from = from;
        this.to = to;
        this.params = params;
        this.targets = List.copyOf(targets);
        this.skewMillis = skewMillis;
        this.random = random;
    }
}

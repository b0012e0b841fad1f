package vn.commune.telemetry.service.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.Segment;
import vn.commune.telemetry.service.uptime.StateTimeline;
import vn.commune.telemetry.service.uptime.Timelines;

/**
 * Coverage as a pure computation over timelines: a village is covered at an instant when at least one of its devices
 * of the kind is online; it is known to be uncovered when none is online and at least one is offline (or none is
 * installed). Time when all its devices are unknown or in maintenance counts as neither, like in uptime.
 */
public final class CoverageCalculator {

    private CoverageCalculator() {
    }

    /**
     * The report for {@code place} and {@code kind}.
     *
     * @param present  each device's state now
     * @param medians  median RSRP per village id (villages without reports left out)
     */
    public static CoverageReport report(Inventory inventory, Place place, DeviceKind kind, Timelines timelines,
            Function<Device, Present> present, Map<String, Double> medians, CoverageSettings settings) {
        List<VillageCoverage> villages = new ArrayList<>();
        long from = timelines.from();
        long to = timelines.to();
        for (Place village : inventory.leavesUnder(place.id())) {
            List<Present> states = new ArrayList<>();
            IntervalSet covered = IntervalSet.EMPTY;
            IntervalSet known = IntervalSet.EMPTY;
            for (Device device : inventory.devicesAt(village.id())) {
                if (device.kind() != kind) {
                    continue;
                }
                states.add(present.apply(device));
                List<Segment> segments = timelines.of(device);
                IntervalSet online = StateTimeline.where(segments, DeviceState.ONLINE);
                covered = covered.or(online);
                known = known.or(online).or(StateTimeline.where(segments, DeviceState.OFFLINE));
            }
            long knownMs = states.isEmpty() ? to - from : known.measure();
            Double median = medians.get(village.id());
            villages.add(new VillageCoverage(village, List.copyOf(states), covered.measure(), knownMs, median,
                    settings.classify(median)));
        }
        int inVillages = 0;
        for (VillageCoverage village : villages) {
            inVillages += village.devices().size();
        }
        int ofKind = 0;
        for (Device device : inventory.devicesUnder(place.id())) {
            if (device.kind() == kind) {
                ofKind++;
            }
        }
        return new CoverageReport(place, kind, from, to, villages, ofKind - inVillages);
    }
}

package vn.commune.telemetry.service.uptime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;

/**
 * Devices' timelines over one period, with what lies over them gathered once: when no instance of the service ran,
 * each gateway's time offline, each device's maintenance windows. Reads immutable snapshots only, so it may run
 * on a worker thread.
 */
public final class Timelines {

    private final Inventory inventory;
    private final StateHistory history;
    private final MaintenanceStore maintenance;
    private final long from;
    private final long to;
    private final IntervalSet serviceDown;
    private final Map<String, IntervalSet> gatewayDown = new HashMap<>();

    public Timelines(Inventory inventory, StateHistory history, List<ServiceRuns.Run> runs,
            MaintenanceStore maintenance, long from, long to) {
        this.inventory = inventory;
        this.history = history;
        this.maintenance = maintenance;
        this.from = from;
        this.to = to;
        List<long[]> running = new ArrayList<>(runs.size());
        for (ServiceRuns.Run run : runs) {
            running.add(new long[] {run.from(), run.until()});
        }
        this.serviceDown = IntervalSet.union(running).complement(from, to);
    }

    /** Start of the period. */
    public long from() {
        return from;
    }

    /** End of the period (exclusive). */
    public long to() {
        return to;
    }

    /** When no instance of the service ran, within the period. */
    public IntervalSet serviceDown() {
        return serviceDown;
    }

    /** The device's timeline over the period. */
    public List<Segment> of(Device device) {
        return StateTimeline.build(history.of(device.id()), from, to, serviceDown, gatewayDown(device),
                maintenance(device));
    }

    /** The device's maintenance windows within the period. */
    public IntervalSet maintenance(Device device) {
        List<MaintenanceWindow> windows = maintenance.covering(device, inventory);
        if (windows.isEmpty()) {
            return IntervalSet.EMPTY;
        }
        List<long[]> intervals = new ArrayList<>(windows.size());
        for (MaintenanceWindow window : windows) {
            intervals.add(new long[] {Math.max(from, window.from()), Math.min(to, window.end())});
        }
        return IntervalSet.union(intervals);
    }

    private IntervalSet gatewayDown(Device device) {
        String gatewayId = device.gatewayId();
        if (gatewayId == null || inventory.device(gatewayId).isEmpty()) {
            return IntervalSet.EMPTY;
        }
        return gatewayDown.computeIfAbsent(gatewayId, id -> StateTimeline.where(
                StateTimeline.raw(history.of(id), from, to), DeviceState.OFFLINE));
    }
}

package vn.commune.telemetry.service.uptime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;

/**
 * Uptime of a device or of a place over any period, computed exactly from the transitions in memory. The work runs
 * on a worker thread (it only reads immutable snapshots); a period that starts before what memory holds yet fails
 * with {@link PeriodNotLoaded}.
 */
public final class UptimeService {

    /**
     * A device's uptime.
     *
     * @param device   the device
     * @param figures  its figures
     * @param timeline its segments (all of them; callers cut the list for display)
     */
    public record DeviceUptime(Device device, UptimeFigures figures, List<Segment> timeline) {
    }

    /**
     * A place's uptime: the sum over its devices (of a kind, or all).
     *
     * @param place    the place
     * @param devices  how many devices count
     * @param figures  the sum of their figures
     * @param children each child place the same way, in inventory order
     * @param worst    the devices with the lowest uptime first (devices with no figure last), at most as asked
     */
    public record PlaceUptime(Place place, int devices, UptimeFigures figures, List<ChildUptime> children,
            List<DeviceUptime> worst) {
    }

    /**
     * A child place's sum.
     *
     * @param place   the child
     * @param devices how many devices count
     * @param figures the sum of their figures
     */
    public record ChildUptime(Place place, int devices, UptimeFigures figures) {
    }

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final MaintenanceStore maintenance;
    private final LongSupplier clock;

    public UptimeService(Vertx vertx, Supplier<Inventory> inventory, StateHistory history, ServiceRuns runs,
            MaintenanceStore maintenance, LongSupplier clock) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.history = history;
        this.runs = runs;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /**
     * The timelines of {@code [from, to)}, {@code to} cut at the present; fails while memory does not reach back yet
     * (before the retention's start, once all is loaded, the devices read as unknown: nothing is stored there).
     */
    public Timelines timelines(long from, long to) {
        if (from < history.loadedFrom() && !history.complete()) {
            throw new PeriodNotLoaded("the state history is still loading; it reaches back to "
                    + (history.loadedFrom() == Long.MAX_VALUE ? "nothing yet" : Instant.ofEpochMilli(
                    history.loadedFrom()).toString()) + ", try again shortly");
        }
        return new Timelines(inventory.get(), history, runs.runs(), maintenance, from,
                Math.max(from, Math.min(to, clock.getAsLong())));
    }

    /** A device's uptime over {@code [from, to)}. */
    public Future<DeviceUptime> device(Device device, long from, long to) {
        return vertx.executeBlocking(() -> {
            Timelines timelines = timelines(from, to);
            List<Segment> segments = timelines.of(device);
            return new DeviceUptime(device, UptimeCalculator.figures(segments), segments);
        }, false);
    }

    /** A place's uptime over {@code [from, to)}, devices of {@code kind} only unless null. */
    public Future<PlaceUptime> place(Place place, DeviceKind kind, long from, long to, int worst) {
        return vertx.executeBlocking(() -> compute(inventory.get(), timelines(from, to), place, kind, worst), false);
    }

    /** The computation itself, on the calling thread (benchmarks, tests). */
    public static PlaceUptime compute(Inventory inv, Timelines timelines, Place place, DeviceKind kind, int worst) {
        Map<String, UptimeFigures> byDevice = new HashMap<>();
        List<DeviceUptime> all = new ArrayList<>();
        for (Device device : inv.devicesUnder(place.id())) {
            if (kind == null || device.kind() == kind) {
                UptimeFigures figures = UptimeCalculator.figures(timelines.of(device));
                byDevice.put(device.id(), figures);
                all.add(new DeviceUptime(device, figures, List.of()));
            }
        }
        List<ChildUptime> children = new ArrayList<>();
        for (Place child : inv.children(place.id())) {
            List<UptimeFigures> figures = new ArrayList<>();
            for (Device device : inv.devicesUnder(child.id())) {
                UptimeFigures f = byDevice.get(device.id());
                if (f != null) {
                    figures.add(f);
                }
            }
            children.add(new ChildUptime(child, figures.size(), UptimeCalculator.sum(figures)));
        }
        all.sort(Comparator.comparing((DeviceUptime d) -> d.figures().uptimePercent(),
                Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(d -> -d.figures().offlineMs())
                .thenComparing(d -> d.device().id()));
        return new PlaceUptime(place, byDevice.size(), UptimeCalculator.sum(byDevice.values()), children,
                List.copyOf(all.subList(0, Math.min(worst, all.size()))));
    }
}

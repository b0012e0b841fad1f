package vn.commune.telemetry.service.coverage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.storage.StatusReads;
import vn.commune.telemetry.service.uptime.PresentStates;
import vn.commune.telemetry.service.uptime.Timelines;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Coverage of a place by one kind of device: the timelines from memory, the states now, and the median RSRP per
 * village read from the stored statuses ({@link StatusReads#medianRsrp}).
 */
public final class CoverageService {

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final UptimeService uptime;
    private final PresentStates present;
    private final StatusReads statuses;
    private final CoverageSettings settings;

    public CoverageService(Vertx vertx, Supplier<Inventory> inventory, UptimeService uptime, PresentStates present,
            StatusReads statuses, CoverageSettings settings) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.uptime = uptime;
        this.present = present;
        this.statuses = statuses;
        this.settings = settings;
    }

    /** The thresholds in use. */
    public CoverageSettings settings() {
        return settings;
    }

    /** Coverage of {@code place} by {@code kind} over {@code [from, to)}. */
    public Future<CoverageReport> coverage(Place place, DeviceKind kind, long from, long to) {
        Inventory inv = inventory.get();
        Timelines timelines;
        try {
            timelines = uptime.timelines(from, to);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return medians(inv, place, kind, from, to).compose(medians -> vertx.executeBlocking(() ->
                CoverageCalculator.report(inv, place, kind, timelines, present::of, medians, settings), false));
    }

    private Future<Map<String, Double>> medians(Inventory inv, Place place, DeviceKind kind, long from, long to) {
        return statuses.medianRsrp(kind.wireName(), place.level(), place.id(), inv.leafLevel(), from, to);
    }
}

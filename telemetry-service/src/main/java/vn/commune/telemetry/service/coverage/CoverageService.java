package vn.commune.telemetry.service.coverage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.ingest.PointEncoder;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.uptime.PresentStates;
import vn.commune.telemetry.service.uptime.Timelines;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Coverage of a place by one kind of device: the timelines from memory, the states now, and the median RSRP per
 * village read from the stored statuses ({@code SELECT median(rsrp_dbm) … GROUP BY <village level>}).
 */
public final class CoverageService {

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final UptimeService uptime;
    private final PresentStates present;
    private final InfluxHttpClient influx;
    private final CoverageSettings settings;

    public CoverageService(Vertx vertx, Supplier<Inventory> inventory, UptimeService uptime, PresentStates present,
            InfluxHttpClient influx, CoverageSettings settings) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.uptime = uptime;
        this.present = present;
        this.influx = influx;
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
        String leaf = inv.leafLevel();
        String query = "SELECT median(rsrp_dbm) FROM " + QueryRows.identifier(PointEncoder.STATUS)
                + " WHERE time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to)
                + " AND kind = " + QueryRows.literal(kind.wireName())
                + " AND " + QueryRows.identifier(place.level()) + " = " + QueryRows.literal(place.id())
                + " GROUP BY " + QueryRows.identifier(leaf);
        return influx.query(query).map(answer -> {
            Map<String, Double> medians = new HashMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Object value = row.getValue("median");
                String village = row.getString(leaf);
                if (value instanceof Number number && village != null) {
                    medians.put(village, number.doubleValue());
                }
            }
            return medians;
        });
    }
}

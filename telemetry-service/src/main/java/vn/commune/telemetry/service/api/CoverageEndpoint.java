package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.coverage.CoverageReport;
import vn.commune.telemetry.service.coverage.CoverageService;
import vn.commune.telemetry.service.coverage.CoverageSettings;
import vn.commune.telemetry.service.coverage.SignalClass;
import vn.commune.telemetry.service.coverage.VillageCoverage;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.uptime.Present;

/**
 * {@code GET /api/v1/coverage?place=ID&kind=loudspeaker|wifi|camera[&from&to]}: villages with a device installed,
 * working now and covered over the period (plain and by population), the villages not covered now, and the villages
 * by signal class.
 */
public final class CoverageEndpoint {

    private final InventoryStore inventory;
    private final CoverageService coverage;
    private final LongSupplier clock;

    public CoverageEndpoint(InventoryStore inventory, CoverageService coverage, LongSupplier clock) {
        this.inventory = inventory;
        this.coverage = coverage;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/coverage").handler(this::coverage);
    }

    private void coverage(RoutingContext ctx) {
        Place place = Params.place(ctx, inventory.current(), "place", ctx.request().getParam("place"));
        DeviceKind kind = Params.kind(ctx, true, DeviceKind.LOUDSPEAKER, DeviceKind.WIFI, DeviceKind.CAMERA);
        long[] period = Params.period(ctx, clock.getAsLong());
        coverage.coverage(place, kind, period[0], period[1])
                .onFailure(e -> ctx.fail(Params.failure(e)))
                .onSuccess(report -> HealthEndpoint.json(ctx, 200, json(report, coverage.settings())));
    }

    static JsonObject json(CoverageReport report, CoverageSettings thresholds) {
        long villages = report.villages().size();
        long population = report.population();
        JsonArray uncovered = new JsonArray();
        JsonArray signalVillages = new JsonArray();
        for (VillageCoverage village : report.villages()) {
            signalVillages.add(new JsonObject().put("id", village.village().id())
                    .put("median_rsrp_dbm", village.medianRsrp()).put("class", village.signal().wireName()));
            if (village.workingNow()) {
                continue;
            }
            JsonArray devices = new JsonArray();
            for (Present present : village.devices()) {
                devices.add(StateJson.present(present).put("id", present.deviceId()));
            }
            uncovered.add(StateJson.place(village.village()).put("population", village.population())
                    .put("reason", village.installed() ? "none_working" : "none_installed")
                    .put("devices", devices));
        }
        JsonObject classes = new JsonObject();
        for (Map.Entry<SignalClass, long[]> entry : report.signalCounts().entrySet()) {
            classes.put(entry.getKey().wireName(), new JsonObject().put("villages", entry.getValue()[0])
                    .put("population", entry.getValue()[1]));
        }
        Double period = report.periodPercent();
        Double periodPopulation = report.periodPopulationPercent();
        return new JsonObject()
                .put("place", StateJson.place(report.place()))
                .put("kind", report.kind().wireName())
                .put("from", StateJson.time(report.from()))
                .put("to", StateJson.time(report.to()))
                .put("villages", villages)
                .put("population", population)
                .put("installed", share(report.installed(), villages, report.installedPopulation(), population))
                .put("devices_outside_villages", report.outsideVillages())
                .put("working_now", share(report.workingNow(), villages, report.workingNowPopulation(), population))
                .put("period", new JsonObject()
                        .put("pct", period == null ? null : StateJson.round(period, 4))
                        .put("population_pct", periodPopulation == null ? null : StateJson.round(periodPopulation, 4)))
                .put("uncovered", uncovered)
                .put("signal", new JsonObject()
                        .put("thresholds_dbm", new JsonObject().put("good", thresholds.good())
                                .put("fair", thresholds.fair()).put("poor", thresholds.poor()))
                        .put("classes", classes)
                        .put("villages", signalVillages));
    }

    private static JsonObject share(long count, long total, long people, long population) {
        return new JsonObject().put("villages", count).put("pct", StateJson.percent(count, total))
                .put("population", people).put("population_pct", StateJson.percent(people, population));
    }
}

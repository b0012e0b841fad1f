package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.alert.Alert;
import vn.commune.telemetry.service.alert.AlertEngine;
import vn.commune.telemetry.service.alert.AlertStore;
import vn.commune.telemetry.service.alert.Severity;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * Alerts: {@code GET /api/v1/alerts[?state=firing|acknowledged&severity=&place=]} (the open alerts, most severe and
 * oldest first), {@code GET /api/v1/alerts/history?from=&to=} (every alert that fired in the period, as stored), and
 * {@code POST /api/v1/alerts/{id}/ack} ({@code {"note": "…"}}: a person takes it on).
 */
public final class AlertEndpoint {

    private final InventoryStore inventory;
    private final AlertEngine engine;
    private final AlertStore store;
    private final LongSupplier clock;

    public AlertEndpoint(InventoryStore inventory, AlertEngine engine, AlertStore store, LongSupplier clock) {
        this.inventory = inventory;
        this.engine = engine;
        this.store = store;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/alerts").handler(this::open);
        router.get("/api/v1/alerts/history").handler(this::history);
        router.post("/api/v1/alerts/:id/ack").handler(this::ack);
    }

    private void open(RoutingContext ctx) {
        Inventory current = inventory.current();
        String state = ctx.request().getParam("state");
        if (state != null && !state.equals("firing") && !state.equals("acknowledged")) {
            throw ApiException.badRequest("parameter 'state' must be firing or acknowledged (resolved alerts: "
                    + "/api/v1/alerts/history), got '" + state + "'");
        }
        String severityParam = ctx.request().getParam("severity");
        Severity severity = severityParam == null ? null : Severity.fromWire(severityParam).orElseThrow(() ->
                ApiException.badRequest("parameter 'severity' must be info, warning or critical, got '"
                        + severityParam + "'"));
        String placeParam = ctx.request().getParam("place");
        Place place = placeParam == null ? null : Params.place(ctx, current, "place", placeParam);
        Actor actor = Actor.of(ctx);
        List<Alert> alerts = engine.open().stream()
                .filter(a -> visible(actor, a, current))
                .filter(a -> state == null || a.state().wireName().equals(state))
                .filter(a -> severity == null || a.severity() == severity)
                .filter(a -> place == null || placeOf(a, current) != null && current.ancestors(placeOf(a, current))
                        .stream().anyMatch(p -> p.id().equals(place.id())))
                .sorted(Comparator.comparing(Alert::severity).reversed().thenComparingLong(Alert::since))
                .toList();
        JsonArray out = new JsonArray();
        alerts.forEach(alert -> out.add(json(alert, current)));
        HealthEndpoint.json(ctx, 200, new JsonObject().put("alerts", out));
    }

    private void history(RoutingContext ctx) {
        long[] period = Params.period(ctx, clock.getAsLong());
        Inventory current = inventory.current();
        Actor actor = Actor.of(ctx);
        store.history(period[0], period[1]).onFailure(e -> ctx.fail(Params.failure(e))).onSuccess(alerts -> {
            JsonArray out = new JsonArray();
            alerts.stream().filter(alert -> visible(actor, alert, current)).forEach(alert -> out.add(json(alert,
                    current)));
            HealthEndpoint.json(ctx, 200, new JsonObject().put("alerts", out));
        });
    }

    private void ack(RoutingContext ctx) {
        JsonObject body = Params.jsonBody(ctx, "note");
        String note = Params.optionalText(body, "note", 500);
        String id = ctx.pathParam("id");
        Actor actor = Actor.of(ctx);
        Inventory current = inventory.current();
        Alert found = engine.find(id).filter(alert -> visible(actor, alert, current))
                .orElseThrow(() -> ApiException.notFound("no open alert '" + id + "'"));
        String place = placeOf(found, current);
        if (place == null || !actor.canOperate(current, place)) {
            throw ApiException.forbidden(actor.name() + " may not acknowledge alerts of " + place);
        }
        engine.acknowledge(id, actor.name(), note).onFailure(ctx::fail)
                .onSuccess(alert -> HealthEndpoint.json(ctx, 200, json(alert, inventory.current())));
    }

    /** Whether the actor sees the alert: its subject is at or below one of their places. */
    private static boolean visible(Actor actor, Alert alert, Inventory inventory) {
        if (actor.everywhere()) {
            return true;
        }
        String place = placeOf(alert, inventory);
        return place != null && actor.covers(inventory, place);
    }

    /** The place of the alert's subject: its device's place, or the commune of a commune alert. */
    private static String placeOf(Alert alert, Inventory inventory) {
        if (alert.type().perCommune()) {
            return alert.deviceId();
        }
        return inventory.device(alert.deviceId()).map(Device::placeId).orElse(null);
    }

    static JsonObject json(Alert alert, Inventory inventory) {
        return new JsonObject()
                .put("id", alert.id())
                .put("rule", alert.ruleId())
                .put("type", alert.type().wireName())
                .put("severity", alert.severity().wireName())
                .put("state", alert.state().wireName())
                .put("device", alert.type().perCommune() ? null : alert.deviceId())
                .put("place", placeOf(alert, inventory))
                .put("name", alert.type().perCommune()
                        ? inventory.place(alert.deviceId()).map(Place::name).orElse(alert.deviceId())
                        : inventory.device(alert.deviceId()).map(d -> d.name() == null ? d.id() : d.name())
                                .orElse(alert.deviceId()))
                .put("since", Instant.ofEpochMilli(alert.since()).toString())
                .put("fired_at", Instant.ofEpochMilli(alert.firedAt()).toString())
                .put("acknowledged_by", alert.ackedBy())
                .put("acknowledged_at", alert.ackedAt() == null ? null : Instant.ofEpochMilli(alert.ackedAt())
                        .toString())
                .put("note", alert.ackNote())
                .put("resolved_at", alert.resolvedAt() == null ? null : Instant.ofEpochMilli(alert.resolvedAt())
                        .toString());
    }
}

package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * {@code GET /api/v1/uptime?device=ID} or {@code ?place=ID[&kind=…]}, with {@code from}/{@code to} (ISO-8601,
 * default the last 24 hours): time per state, uptime, outages, MTTR, MTBF, the longest outage; for a device its
 * timeline, for a place each child place and the worst devices.
 */
public final class UptimeEndpoint {

    private final InventoryStore inventory;
    private final UptimeService uptime;
    private final LongSupplier clock;

    public UptimeEndpoint(InventoryStore inventory, UptimeService uptime, LongSupplier clock) {
        this.inventory = inventory;
        this.uptime = uptime;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/uptime").handler(this::uptime);
    }

    private void uptime(RoutingContext ctx) {
        Inventory current = inventory.current();
        String deviceId = ctx.request().getParam("device");
        String placeId = ctx.request().getParam("place");
        if ((deviceId == null) == (placeId == null)) {
            throw ApiException.badRequest("give exactly one of the parameters 'device' and 'place'");
        }
        long[] period = Params.period(ctx, clock.getAsLong());
        if (deviceId != null) {
            Device device = Params.device(ctx, current, "device", deviceId);
            uptime.device(device, period[0], period[1])
                    .onFailure(e -> ctx.fail(Params.failure(e)))
                    .onSuccess(result -> HealthEndpoint.json(ctx, 200, DeviceEndpoint.describe(current, device)
                            .put("from", StateJson.time(period[0]))
                            .put("to", StateJson.time(period[1]))
                            .mergeIn(StateJson.figures(result.figures()))
                            .put("timeline", StateJson.timeline(result.timeline()))));
            return;
        }
        Place place = Params.place(ctx, current, "place", placeId);
        DeviceKind kind = Params.kind(ctx, false, DeviceKind.values());
        int worst = Params.integer(ctx, "worst", 10, 0, 1000);
        uptime.place(place, kind, period[0], period[1], worst)
                .onFailure(e -> ctx.fail(Params.failure(e)))
                .onSuccess(result -> HealthEndpoint.json(ctx, 200, place(result, kind, period)));
    }

    private static JsonObject place(UptimeService.PlaceUptime result, DeviceKind kind, long[] period) {
        JsonArray children = new JsonArray();
        for (UptimeService.ChildUptime child : result.children()) {
            children.add(StateJson.place(child.place()).put("devices", child.devices())
                    .mergeIn(StateJson.figures(child.figures())));
        }
        JsonArray worst = new JsonArray();
        for (UptimeService.DeviceUptime device : result.worst()) {
            worst.add(new JsonObject()
                    .put("id", device.device().id())
                    .put("name", device.device().name())
                    .put("kind", device.device().kind().wireName())
                    .put("place", device.device().placeId())
                    .mergeIn(StateJson.figures(device.figures())));
        }
        return new JsonObject()
                .put("place", StateJson.place(result.place()))
                .put("kind", kind == null ? null : kind.wireName())
                .put("from", StateJson.time(period[0]))
                .put("to", StateJson.time(period[1]))
                .put("devices", result.devices())
                .mergeIn(StateJson.figures(result.figures()))
                .put("children", children)
                .put("worst", worst);
    }
}

package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.storage.StatusReads;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * {@code GET /api/v1/devices?place=&kind=&state=&limit=&offset=} (inventory devices with their state now) and
 * {@code GET /api/v1/devices/{id}} (inventory entry, state now and since when, last status, maintenance windows).
 */
public final class DevicesEndpoint {

    private final InventoryStore inventory;
    private final PresentStates present;
    private final MaintenanceStore maintenance;
    private final StatusReads statuses;
    private final LongSupplier clock;

    public DevicesEndpoint(InventoryStore inventory, PresentStates present, MaintenanceStore maintenance,
            StatusReads statuses, LongSupplier clock) {
        this.inventory = inventory;
        this.present = present;
        this.maintenance = maintenance;
        this.statuses = statuses;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/devices").handler(this::list);
        router.get("/api/v1/devices/:id").handler(this::one);
    }

    private void list(RoutingContext ctx) {
        Inventory current = inventory.current();
        String placeId = ctx.request().getParam("place");
        DeviceKind kind = Params.kind(ctx, false, DeviceKind.values());
        DeviceState state = Params.state(ctx);
        int limit = Params.integer(ctx, "limit", 1000, 1, 100_000);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        Actor actor = Actor.of(ctx);
        List<Device> candidates;
        if (placeId != null) {
            candidates = current.devicesUnder(Params.place(ctx, current, "place", placeId).id());
        } else if (actor.everywhere()) {
            candidates = new ArrayList<>(current.devices());
        } else {
            java.util.Map<String, Device> mine = new java.util.LinkedHashMap<>();
            for (String place : actor.places().stream().sorted().toList()) {
                current.devicesUnder(place).forEach(device -> mine.putIfAbsent(device.id(), device));
            }
            candidates = new ArrayList<>(mine.values());
        }
        JsonArray devices = new JsonArray();
        int total = 0;
        for (Device device : candidates) {
            if (kind != null && device.kind() != kind) {
                continue;
            }
            Present now = present.of(device);
            if (state != null && now.state() != state) {
                continue;
            }
            if (total >= offset && devices.size() < limit) {
                devices.add(entry(device).put("state", StateJson.present(now)));
            }
            total++;
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("total", total).put("offset", offset)
                .put("limit", limit).put("devices", devices));
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Topics.isValidDeviceId(id)) {
            throw ApiException.badRequest("not a device id: letters, digits, '-' and '_', at most "
                    + Topics.MAX_DEVICE_ID_LENGTH + " characters");
        }
        Inventory current = inventory.current();
        Device device = Params.device(ctx, current, "id", id);
        long now = clock.getAsLong();
        JsonArray windows = new JsonArray();
        for (MaintenanceWindow window : maintenance.covering(device, current)) {
            if (window.end() > now) {
                windows.add(StateJson.window(window, now));
            }
        }
        JsonObject body = DeviceEndpoint.describe(current, device)
                .put("gateway", device.gatewayId())
                .put("interval_s", device.statusInterval().toSeconds())
                .put("state", StateJson.present(present.of(device)))
                .put("maintenance", windows);
        DeviceEndpoint.latestStatus(statuses, current, id).onFailure(ctx::fail).onSuccess(status -> {
            body.put("last_status", status);
            HealthEndpoint.json(ctx, 200, body);
        });
    }

    private static JsonObject entry(Device device) {
        return new JsonObject()
                .put("id", device.id())
                .put("kind", device.kind().wireName())
                .put("name", device.name())
                .put("place", device.placeId())
                .put("gateway", device.gatewayId());
    }
}

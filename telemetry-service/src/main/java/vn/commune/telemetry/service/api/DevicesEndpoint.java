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
        router.get("/api/v1/devices/:id/series").handler(this::series);
        router.get("/api/v1/devices/:id/events").handler(this::events);
    }

    /** Fields of a stored event row that are not the event's own. */
    private static final java.util.Set<String> EVENT_META = java.util.Set.of("time", "device", "kind", "type", "v");

    /**
     * {@code GET /api/v1/devices/{id}/events?from=&to=&limit=}: the device's events of the period (default the last
     * 24 hours), newest first, at most {@code limit} (100, up to 1,000): time, type and the event's fields.
     */
    private void events(RoutingContext ctx) {
        Inventory current = inventory.current();
        Device device = Params.device(ctx, current, "id", ctx.pathParam("id"));
        long[] period = Params.period(ctx, clock.getAsLong());
        int limit = Params.integer(ctx, "limit", 100, 1, 1_000);
        statuses.events(device.id(), period[0], period[1], limit)
                .onFailure(e -> ctx.fail(Params.failure(e)))
                .onSuccess(rows -> {
                    JsonArray out = new JsonArray();
                    for (JsonObject row : rows) {
                        JsonObject fields = new JsonObject();
                        row.forEach(entry -> {
                            if (!EVENT_META.contains(entry.getKey()) && entry.getValue() != null
                                    && !current.levels().contains(entry.getKey())) {
                                fields.put(entry.getKey(), entry.getValue());
                            }
                        });
                        out.add(new JsonObject().put("time", StateJson.time(row.getLong("time")))
                                .put("type", row.getString("type")).put("fields", fields));
                    }
                    HealthEndpoint.json(ctx, 200, new JsonObject().put("device", device.id()).put("events", out));
                });
    }

    /** The numeric status fields a chart may show. */
    static final java.util.Set<String> SERIES_FIELDS = java.util.Set.of("battery_pct", "temp_c", "rssi_dbm",
            "rsrp_dbm", "uptime_s", "volume_pct", "horns_ok", "clients", "uplink_mbps", "latency_ms",
            "storage_used_pct", "fps", "bitrate_kbps", "devices", "spool_depth");
    private static final long[] STEPS = {60_000L, 300_000L, 900_000L, 1_800_000L, 3_600_000L, 10_800_000L,
        21_600_000L, 43_200_000L, 86_400_000L};

    /**
     * {@code GET /api/v1/devices/{id}/series?field=&from=&to=&points=}: one numeric status field over a period,
     * downsampled by InfluxDB to at most {@code points} steps (default 300) of a round length (1 min … 1 day): per
     * step its mean, min and max.
     */
    private void series(RoutingContext ctx) {
        Inventory current = inventory.current();
        Device device = Params.device(ctx, current, "id", ctx.pathParam("id"));
        String field = ctx.request().getParam("field");
        if (field == null || !SERIES_FIELDS.contains(field)) {
            throw ApiException.badRequest("parameter 'field' must be one of " + String.join(", ",
                    new java.util.TreeSet<>(SERIES_FIELDS)) + ", got '" + field + "'");
        }
        long[] period = Params.period(ctx, clock.getAsLong());
        int points = Params.integer(ctx, "points", 300, 10, 2_000);
        long span = period[1] - period[0];
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            if (span / candidate <= points) {
                step = candidate;
                break;
            }
        }
        long stepMs = step;
        statuses.series(device.id(), field, period[0], period[1], stepMs)
                .onFailure(e -> ctx.fail(Params.failure(e)))
                .onSuccess(rows -> {
                    JsonArray out = new JsonArray();
                    for (double[] row : rows) {
                        out.add(new JsonArray().add(StateJson.time((long) row[0])).add(row[1]).add(row[2])
                                .add(row[3]));
                    }
                    HealthEndpoint.json(ctx, 200, new JsonObject().put("device", device.id()).put("field", field)
                            .put("from", StateJson.time(period[0])).put("to", StateJson.time(period[1]))
                            .put("step_s", stepMs / 1000).put("columns", new JsonArray().add("time").add("mean")
                                    .add("min").add("max"))
                            .put("points", out));
                });
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

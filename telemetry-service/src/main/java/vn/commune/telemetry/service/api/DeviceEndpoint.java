package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.service.ingest.UnregisteredDevices;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.storage.StatusReads;
import vn.commune.telemetry.service.storage.StorageSchema;

/** Devices: the latest status read back from InfluxDB, and the devices heard from but not registered. */
public final class DeviceEndpoint {

    private final InventoryStore inventory;
    private final StatusReads statuses;
    private final UnregisteredDevices unregistered;

    public DeviceEndpoint(InventoryStore inventory, StatusReads statuses, UnregisteredDevices unregistered) {
        this.inventory = inventory;
        this.statuses = statuses;
        this.unregistered = unregistered;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/devices/unregistered").handler(this::unregistered);
        router.get("/api/v1/devices/:id/latest").handler(this::latest);
    }

    private void unregistered(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        if (!actor.canAdminister()) {
            throw ApiException.forbidden(actor.name() + " may not list unregistered devices (admins and "
                    + "district-wide staff do)");
        }
        JsonArray devices = new JsonArray();
        for (UnregisteredDevices.Entry entry : unregistered.list()) {
            devices.add(new JsonObject()
                    .put("id", entry.id())
                    .put("first_seen", Instant.ofEpochMilli(entry.firstSeen()).toString())
                    .put("last_seen", Instant.ofEpochMilli(entry.lastSeen()).toString())
                    .put("count", entry.count())
                    .put("last_topic", entry.lastTopic()));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject()
                .put("devices", devices)
                .put("forgotten", unregistered.forgotten()));
    }

    private void latest(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Topics.isValidDeviceId(id)) {
            throw ApiException.badRequest("not a device id: letters, digits, '-' and '_', at most "
                    + Topics.MAX_DEVICE_ID_LENGTH + " characters");
        }
        Inventory current = inventory.current();
        Device device = Params.device(ctx, current, "id", id);
        latestStatus(statuses, current, id)
                .onFailure(ctx::fail)
                .onSuccess(status -> {
                    if (status == null) {
                        ctx.fail(new ApiException(404, "no_data", "no status stored yet for device '" + id + "'"));
                        return;
                    }
                    HealthEndpoint.json(ctx, 200, describe(current, device).put("status", status));
                });
    }

    private static final Set<String> NOT_FIELDS = Set.of("time", StorageSchema.DEVICE, StorageSchema.KIND,
            StorageSchema.VERSION);

    /** The device's last stored status (its fields and time), or null when none is stored. */
    static Future<JsonObject> latestStatus(StatusReads statuses, Inventory current, String id) {
        return statuses.latest(id).map(row -> {
            if (row == null) {
                return null;
            }
            Set<String> skip = new HashSet<>(NOT_FIELDS);
            skip.addAll(current.levels());
            return status(row, skip);
        });
    }

    /** The stored fields of a status row; tags, time and the wire version left out. */
    static JsonObject status(JsonObject row, Set<String> skip) {
        JsonObject fields = new JsonObject();
        for (String key : row.fieldNames()) {
            Object value = row.getValue(key);
            if (value != null && !skip.contains(key)) {
                fields.put(key, value);
            }
        }
        long ts = row.getLong("time");
        return new JsonObject().put("ts", ts).put("time", Instant.ofEpochMilli(ts).toString()).put("fields", fields);
    }

    /** The device with its place and the place's ancestors. */
    static JsonObject describe(Inventory inventory, Device device) {
        JsonArray places = new JsonArray();
        for (Place place : inventory.ancestors(device.placeId())) {
            places.add(new JsonObject().put("id", place.id()).put("name", place.name()).put("level", place.level()));
        }
        return new JsonObject()
                .put("id", device.id())
                .put("kind", device.kind().wireName())
                .put("name", device.name())
                .put("place", places);
    }
}

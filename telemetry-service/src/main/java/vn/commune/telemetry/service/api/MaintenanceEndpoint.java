package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;

/**
 * Maintenance windows: {@code POST /api/v1/maintenance} declares one for a device or a place (with a reason and who
 * declares it), {@code GET /api/v1/maintenance[?active=true&device=&place=]} lists them, {@code GET …/{id}} reads
 * one and {@code POST …/{id}/end} ends it now.
 */
public final class MaintenanceEndpoint {

    private static final int MAX_REASON = 500;
    private static final int MAX_NAME = 100;

    private final InventoryStore inventory;
    private final MaintenanceStore store;
    private final LongSupplier clock;
    private final String base;

    public MaintenanceEndpoint(InventoryStore inventory, MaintenanceStore store, LongSupplier clock) {
        this(inventory, store, clock, "/api/v1/maintenance");
    }

    /**
     * The same endpoints for windows of another kind at {@code base} (alert silences: {@code /api/v1/silences}, where
     * {@code DELETE …/{id}} ends one too).
     */
    public MaintenanceEndpoint(InventoryStore inventory, MaintenanceStore store, LongSupplier clock, String base) {
        this.inventory = inventory;
        this.store = store;
        this.clock = clock;
        this.base = base;
    }

    public void addRoutes(Router router) {
        router.post(base).handler(this::declare);
        router.get(base).handler(this::list);
        router.get(base + "/:id").handler(this::one);
        router.post(base + "/:id/end").handler(this::end);
        router.delete(base + "/:id").handler(this::end);
    }

    private void declare(RoutingContext ctx) {
        JsonObject body = Params.jsonBody(ctx, "device", "place", "reason", "from", "to", "declared_by");
        Inventory current = inventory.current();
        String device = Params.optionalText(body, "device", 200);
        String place = Params.optionalText(body, "place", 200);
        if ((device == null) == (place == null)) {
            throw ApiException.badRequest("give exactly one of the fields 'device' and 'place'");
        }
        String target = device != null ? Params.device(ctx, current, "device", device).id()
                : Params.place(ctx, current, "place", place).id();
        Actor actor = Actor.of(ctx);
        if (!actor.canOperate(current, device != null ? Params.device(current, "device", device).placeId() : target)) {
            throw ApiException.forbidden(actor.name() + " may not declare " + what() + " for " + target);
        }
        long now = clock.getAsLong();
        long from = body.getValue("from") == null ? now : Params.instant("from", Params.text(body, "from", 64));
        Long to = body.getValue("to") == null ? null : Params.instant("to", Params.text(body, "to", 64));
        if (to != null && to <= from) {
            throw ApiException.badRequest("field 'to' must be after 'from'");
        }
        String reason = Params.text(body, "reason", MAX_REASON);
        String declaredBy = body.getValue("declared_by") == null ? actor.name()
                : Params.text(body, "declared_by", MAX_NAME);
        store.declare(target, device != null ? MaintenanceWindow.DEVICE : MaintenanceWindow.PLACE, from, to, reason,
                declaredBy, now)
                .onFailure(ctx::fail)
                .onSuccess(window -> HealthEndpoint.json(ctx, 201, StateJson.window(window, clock.getAsLong())));
    }

    private void list(RoutingContext ctx) {
        String active = ctx.request().getParam("active");
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw ApiException.badRequest("parameter 'active' must be true or false, got '" + active + "'");
        }
        String device = ctx.request().getParam("device");
        String place = ctx.request().getParam("place");
        Inventory current = inventory.current();
        Device covered = device == null ? null : Params.device(ctx, current, "device", device);
        long now = clock.getAsLong();
        JsonArray windows = new JsonArray();
        Actor actor = Actor.of(ctx);
        for (MaintenanceWindow window : covered == null ? store.all() : store.covering(covered, current)) {
            if (!visible(actor, window, current)) {
                continue;
            }
            if (active != null && window.activeAt(now) != Boolean.parseBoolean(active)) {
                continue;
            }
            if (place != null && !window.target().equals(place)) {
                continue;
            }
            windows.add(StateJson.window(window, now));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("windows", windows));
    }

    private void one(RoutingContext ctx) {
        MaintenanceWindow window = find(ctx, ctx.pathParam("id"));
        HealthEndpoint.json(ctx, 200, StateJson.window(window, clock.getAsLong()));
    }

    private void end(RoutingContext ctx) {
        MaintenanceWindow window = find(ctx, ctx.pathParam("id"));
        Actor actor = Actor.of(ctx);
        Inventory current = inventory.current();
        String place = placeOf(window, current);
        if (place == null ? !actor.everywhere() : !actor.canOperate(current, place)) {
            throw ApiException.forbidden(actor.name() + " may not end " + what() + " of " + window.target());
        }
        JsonObject body = ctx.body().length() <= 0 ? new JsonObject() : Params.jsonBody(ctx, "ended_by");
        String by = body.getValue("ended_by") == null ? actor.name() : Params.text(body, "ended_by", MAX_NAME);
        store.end(window, by, clock.getAsLong())
                .onFailure(ctx::fail)
                .onSuccess(ended -> HealthEndpoint.json(ctx, 200, StateJson.window(ended, clock.getAsLong())));
    }

    private MaintenanceWindow find(RoutingContext ctx, String id) {
        Actor actor = Actor.of(ctx);
        return store.get(id).filter(window -> visible(actor, window, inventory.current()))
                .orElseThrow(() -> ApiException.notFound("no " + what() + " '" + id + "'"));
    }

    private String what() {
        return base.endsWith("silences") ? "silence" : "maintenance window";
    }

    /** The place a window covers: its place, or its device's place (null for a target no longer in the inventory). */
    private static String placeOf(MaintenanceWindow window, Inventory inventory) {
        return window.targetKind().equals(MaintenanceWindow.DEVICE)
                ? inventory.device(window.target()).map(Device::placeId).orElse(null)
                : inventory.place(window.target()).map(p -> p.id()).orElse(null);
    }

    /** Whether the actor sees the window: it covers something at or below their places. */
    private static boolean visible(Actor actor, MaintenanceWindow window, Inventory inventory) {
        if (actor.everywhere()) {
            return true;
        }
        String place = placeOf(window, inventory);
        return place != null && actor.covers(inventory, place);
    }
}

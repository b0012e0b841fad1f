package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * {@code POST /api/v1/inventory/reload}: reads the inventory file again. A valid file replaces the running
 * inventory (200 with its size); a bad one is refused with 422, its line and the reason, and changes nothing.
 * {@code GET /api/v1/inventory} says which file and how big.
 */
public final class InventoryEndpoint {

    private final InventoryStore inventory;

    public InventoryEndpoint(InventoryStore inventory) {
        this.inventory = inventory;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/inventory").handler(ctx -> HealthEndpoint.json(ctx, 200, summary(inventory.current())));
        router.post("/api/v1/inventory/reload").handler(this::reload);
    }

    private void reload(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        if (!actor.canAdminister()) {
            throw ApiException.forbidden(actor.name() + " may not reload the inventory (admins and district-wide "
                    + "staff do)");
        }
        inventory.reload().onComplete(done -> {
            if (done.succeeded()) {
                HealthEndpoint.json(ctx, 200, summary(done.result()).put("reloaded", true));
            } else if (done.cause() instanceof InventoryException bad) {
                HealthEndpoint.json(ctx, 422, new JsonObject()
                        .put("error", "invalid_inventory")
                        .put("detail", bad.getMessage())
                        .put("file", bad.source())
                        .put("line", bad.line())
                        .put("path", bad.path())
                        .put("reason", bad.reason()));
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private JsonObject summary(Inventory current) {
        return new JsonObject()
                .put("file", inventory.file().toString())
                .put("places", current.places().size())
                .put("devices", current.devices().size());
    }
}

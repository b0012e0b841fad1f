package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * {@code GET /api/v1/places} (the roots) and {@code GET /api/v1/places/{id}}: the place, its path from the root, its
 * children, and device counts by kind and state now, for the place and for each child.
 */
public final class PlaceEndpoint {

    private final InventoryStore inventory;
    private final PresentStates present;

    public PlaceEndpoint(InventoryStore inventory, PresentStates present) {
        this.inventory = inventory;
        this.present = present;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/places").handler(this::roots);
        router.get("/api/v1/communes").handler(this::communes);
        router.get("/api/v1/places/:id/leaves").handler(this::leaves);
        router.get("/api/v1/places/:id").handler(this::place);
    }

    /**
     * {@code GET /api/v1/communes}: the places at the inventory's commune level (the level above the leaves, whatever
     * it is called) that the user acts for, each with its path: what schedules and broadcasts are kept per.
     */
    private void communes(RoutingContext ctx) {
        Inventory current = inventory.current();
        Actor actor = Actor.of(ctx);
        JsonArray out = new JsonArray();
        for (Place commune : current.placesAtLevel(current.communeLevel())) {
            if (!actor.covers(current, commune.id())) {
                continue;
            }
            List<Place> chain = current.ancestors(commune.id());
            out.add(new JsonObject().put("id", commune.id()).put("name", commune.name())
                    .put("path", new JsonArray(chain.subList(0, chain.size() - 1).stream().map(Place::name)
                            .toList())));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("level", current.communeLevel()).put("communes", out));
    }

    private void roots(RoutingContext ctx) {
        Inventory current = inventory.current();
        JsonArray roots = new JsonArray();
        Actor actor = Actor.of(ctx);
        // a user of some places starts from theirs, not from the top of the map
        List<Place> tops = actor.everywhere() ? current.roots() : actor.places().stream().sorted()
                .map(id -> current.place(id)).flatMap(java.util.Optional::stream).toList();
        for (Place root : tops) {
            roots.add(summary(current, root));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("levels", new JsonArray(current.levels()))
                .put("places", roots));
    }

    private void place(RoutingContext ctx) {
        Inventory current = inventory.current();
        Place place = Params.place(ctx, current, "id", ctx.pathParam("id"));
        JsonArray path = new JsonArray();
        List<Place> ancestors = current.ancestors(place.id());
        for (Place ancestor : ancestors.subList(0, ancestors.size() - 1)) {
            path.add(StateJson.place(ancestor));
        }
        JsonArray children = new JsonArray();
        for (Place child : current.children(place.id())) {
            children.add(summary(current, child));
        }
        JsonObject body = summary(current, place)
                .put("lat", place.lat())
                .put("lon", place.lon())
                .put("path", path)
                .put("children", children);
        HealthEndpoint.json(ctx, 200, body);
    }

    /**
     * {@code GET /api/v1/places/{id}/leaves}: the leaf places (villages) at and below a place, with their coordinates,
     * population and devices by state and kind now: what the map draws.
     */
    private void leaves(RoutingContext ctx) {
        Inventory current = inventory.current();
        Place place = Params.place(ctx, current, "id", ctx.pathParam("id"));
        JsonArray out = new JsonArray();
        for (Place leaf : current.leavesUnder(place.id())) {
            List<Place> chain = current.ancestors(leaf.id());
            out.add(summary(current, leaf).put("lat", leaf.lat()).put("lon", leaf.lon())
                    .put("parent", chain.size() > 1 ? chain.get(chain.size() - 2).name() : null));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("place", StateJson.place(place)).put("leaves", out));
    }

    private JsonObject summary(Inventory current, Place place) {
        return StateJson.place(place)
                .put("population", place.population())
                .put("leaf", place.isLeaf())
                .put("devices", counts(current.devicesUnder(place.id())));
    }

    /** {@code {"total": n, "by_state": {…}, "by_kind": {"loudspeaker": {"total": n, "online": n, …}, …}}}. */
    private JsonObject counts(List<Device> devices) {
        Map<DeviceKind, int[]> byKind = new EnumMap<>(DeviceKind.class);
        int[] byState = new int[DeviceState.values().length];
        for (Device device : devices) {
            int state = present.of(device).state().ordinal();
            byKind.computeIfAbsent(device.kind(), k -> new int[DeviceState.values().length + 1])[state]++;
            byKind.get(device.kind())[DeviceState.values().length]++;
            byState[state]++;
        }
        JsonObject kinds = new JsonObject();
        for (Map.Entry<DeviceKind, int[]> entry : byKind.entrySet()) {
            JsonObject kind = new JsonObject().put("total", entry.getValue()[DeviceState.values().length]);
            for (DeviceState state : DeviceState.values()) {
                kind.put(state.wireName(), entry.getValue()[state.ordinal()]);
            }
            kinds.put(entry.getKey().wireName(), kind);
        }
        JsonObject states = new JsonObject();
        for (DeviceState state : DeviceState.values()) {
            states.put(state.wireName(), byState[state.ordinal()]);
        }
        return new JsonObject().put("total", devices.size()).put("by_state", states).put("by_kind", kinds);
    }
}

package vn.commune.telemetry.service.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.alert.Alert;
import vn.commune.telemetry.service.alert.AlertEngine;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * {@code GET /api/v1/events[?place=&kind=]}: server-sent events, one {@code state} event per device state change as
 * it happens, and a comment every 15 seconds so that proxies keep the stream open. At most {@code maxClients}
 * streams; a client that does not read fast enough loses events (counted) rather than holding memory.
 */
public final class EventsEndpoint {

    private static final long KEEP_ALIVE_MS = 15_000;

    private final Vertx vertx;
    private final InventoryStore inventory;
    private final PresentStates present;
    private final AlertEngine alerts;
    private final LongSupplier clock;
    private final int maxClients;
    private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
    private final Counter dropped;

    public EventsEndpoint(Vertx vertx, InventoryStore inventory, PresentStates present, AlertEngine alerts,
            LongSupplier clock, int maxClients, MeterRegistry registry) {
        this.alerts = alerts;
        this.vertx = vertx;
        this.inventory = inventory;
        this.present = present;
        this.clock = clock;
        this.maxClients = maxClients;
        this.dropped = Counter.builder("ct.sse.events.dropped")
                .description("State events not sent to a client that did not keep up").register(registry);
        Gauge.builder("ct.sse.clients", clients, Set::size).description("Open event streams").register(registry);
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/events").handler(this::events);
    }

    private void events(RoutingContext ctx) {
        Inventory current = inventory.current();
        String placeId = ctx.request().getParam("place");
        Place place = placeId == null ? null : Params.place(ctx, current, "place", placeId);
        DeviceKind kind = Params.kind(ctx, false, DeviceKind.values());
        if (clients.size() >= maxClients) {
            throw new ApiException(503, "too_many_clients", "at most " + maxClients + " event streams at once");
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        clients.add(response);
        response.write("retry: 5000\n: connected\n\n");
        Actor actor = Actor.of(ctx);
        Runnable unlistenStates = present.listen((before, after) -> send(response, actor, place, kind, before,
                after));
        Runnable unlistenAlerts = alerts.listen(alert -> sendAlert(response, actor, place, kind, alert));
        Runnable unlisten = () -> {
            unlistenStates.run();
            unlistenAlerts.run();
        };
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
            if (!response.writeQueueFull()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> {
            unlisten.run();
            vertx.cancelTimer(keepAlive);
            clients.remove(response);
        });
    }

    private void send(HttpServerResponse response, Actor actor, Place place, DeviceKind kind, Present before,
            Present after) {
        Inventory current = inventory.current();
        Device device = current.device(after.deviceId()).orElse(null);
        if (device == null || !actor.covers(current, device) || kind != null && device.kind() != kind
                || place != null && current
                .ancestors(device.placeId()).stream().noneMatch(p -> p.id().equals(place.id()))) {
            return;
        }
        if (response.writeQueueFull()) {
            dropped.increment();
            return;
        }
        JsonObject data = StateJson.present(after)
                .put("device", device.id())
                .put("kind", device.kind().wireName())
                .put("place", device.placeId())
                .put("previous", StateJson.present(before))
                .put("time", StateJson.time(clock.getAsLong()));
        response.write("event: state\ndata: " + data.encode() + "\n\n");
    }

    /** An alert change, when its subject is in the place (and of the kind) asked for. */
    private void sendAlert(HttpServerResponse response, Actor actor, Place place, DeviceKind kind, Alert alert) {
        Inventory current = inventory.current();
        JsonObject data = AlertEndpoint.json(alert, current);
        String subjectPlace = data.getString("place");
        if (subjectPlace == null ? !actor.everywhere() : !actor.covers(current, subjectPlace)) {
            return;
        }
        Device device = alert.type().perCommune() ? null : current.device(alert.deviceId()).orElse(null);
        if (kind != null && (device == null || device.kind() != kind) || place != null && (subjectPlace == null
                || current.ancestors(subjectPlace).stream().noneMatch(p -> p.id().equals(place.id())))) {
            return;
        }
        if (response.writeQueueFull()) {
            dropped.increment();
            return;
        }
        response.write("event: alert\ndata: " + data.encode() + "\n\n");
    }
}

package vn.commune.telemetry.service.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.broadcast.Emergency;
import vn.commune.telemetry.service.broadcast.EmergencyReach;
import vn.commune.telemetry.service.broadcast.EmergencyStore;
import vn.commune.telemetry.service.broadcast.SchedulePublisher;
import vn.commune.telemetry.service.broadcast.ScheduleRules;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * Emergency broadcasts: {@code POST /api/v1/broadcasts/emergency} issues one for a commune or a list of villages (a
 * programme and a duration), published at once in the schedules of the communes concerned, ahead of everything
 * else; {@code GET …} lists them ({@code ?commune=}, {@code ?active=true}); {@code GET …/{id}} reads one with its
 * reach; {@code POST …/{id}/cancel} ends it now. Every issue and cancellation is logged and kept.
 */
public final class EmergencyEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EmergencyEndpoint.class);
    private static final int MAX_VILLAGES = 500;

    private final InventoryStore inventory;
    private final EmergencyStore store;
    private final SchedulePublisher publisher;
    private final EmergencyReach reach;
    private final ScheduleRules rules;
    private final LongSupplier clock;
    private long lastIssue;

    public EmergencyEndpoint(InventoryStore inventory, EmergencyStore store, SchedulePublisher publisher,
            EmergencyReach reach, ScheduleRules rules, LongSupplier clock) {
        this.inventory = inventory;
        this.store = store;
        this.publisher = publisher;
        this.reach = reach;
        this.rules = rules;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.post("/api/v1/broadcasts/emergency").handler(this::issue);
        router.get("/api/v1/broadcasts/emergency").handler(this::list);
        router.get("/api/v1/broadcasts/emergency/:id").handler(this::one);
        router.post("/api/v1/broadcasts/emergency/:id/cancel").handler(this::cancel);
    }

    private void issue(RoutingContext ctx) {
        loaded();
        JsonObject body = Params.jsonBody(ctx, "commune", "villages", "program", "duration");
        Inventory current = inventory.current();
        String commune = Params.optionalText(body, "commune", 200);
        Object villagesValue = body.getValue("villages");
        if ((commune == null) == (villagesValue == null)) {
            throw ApiException.badRequest("give exactly one of the fields 'commune' and 'villages'");
        }
        String program = Params.text(body, "program", ScheduleRules.MAX_PROGRAM);
        Duration length = duration(Params.text(body, "duration", 64));
        List<ScheduleRules.Problem> problems = rules.checkEmergency(length);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems.get(0).message());
        }
        Map<String, List<String>> villagesByCommune = new LinkedHashMap<>();
        if (commune != null) {
            Place place = Params.place(ctx, current, "commune", commune);
            if (!place.level().equals(current.communeLevel())) {
                throw ApiException.badRequest("'" + commune + "' is a " + place.level() + "; an emergency is issued "
                        + "for a " + current.communeLevel() + " or for villages");
            }
            villagesByCommune.put(place.id(), List.of());
        } else {
            for (String village : villages(villagesValue)) {
                Place place = Params.place(ctx, current, "villages", village);
                Place of = current.communeOf(place.id()).orElseThrow(() -> ApiException.badRequest("'" + village
                        + "' is a " + place.level() + ", above the " + current.communeLevel() + " level; give a "
                        + current.communeLevel() + " or villages"));
                if (place.id().equals(of.id())) {
                    throw ApiException.badRequest("'" + village + "' is a " + current.communeLevel()
                            + ": give it as 'commune'");
                }
                villagesByCommune.computeIfAbsent(of.id(), k -> new ArrayList<>()).add(place.id());
            }
        }
        Actor actor = Actor.of(ctx);
        for (String communeId : villagesByCommune.keySet()) {
            if (!actor.canIssueEmergency(inventory.current(), communeId)) {
                throw ApiException.forbidden(actor.name() + " may not issue an emergency in " + communeId);
            }
        }
        long now = clock.getAsLong();
        long start = Math.max(now, lastIssue + 1);
        while (!store.byId(ScheduleRules.EMERGENCY_PREFIX + start).isEmpty()) {
            start++;
        }
        lastIssue = start;
        String id = ScheduleRules.EMERGENCY_PREFIX + start;
        long issuedAt = start;
        List<Emergency> parts = new ArrayList<>();
        villagesByCommune.forEach((communeId, villages) -> {
            List<String> devices = loudspeakers(current, villages.isEmpty() ? List.of(communeId) : villages);
            if (devices.isEmpty()) {
                throw ApiException.badRequest("no loudspeaker in " + (villages.isEmpty() ? communeId
                        : String.join(", ", villages)) + ": nothing would air it");
            }
            parts.add(new Emergency(id, communeId, villages, devices, program, issuedAt, issuedAt + length.toMillis(),
                    actor.name(), null, null));
        });
        store.issue(parts)
                .compose(stored -> {
                    LOG.warn("Emergency {} issued by {}: '{}' for {} until {} in {} ({} loudspeakers)", id,
                            actor.name(), program, length, Instant.ofEpochMilli(issuedAt + length.toMillis()),
                            villagesByCommune, stored.stream().mapToInt(e -> e.devices().size()).sum());
                    return Future.all(stored.stream().map(e -> publisher.changed(e.communeId())).toList())
                            .map(v -> stored);
                })
                .onFailure(ctx::fail)
                .onSuccess(stored -> HealthEndpoint.json(ctx, 201, json(stored, clock.getAsLong())));
    }

    private void list(RoutingContext ctx) {
        loaded();
        String commune = ctx.request().getParam("commune");
        String active = ctx.request().getParam("active");
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw ApiException.badRequest("parameter 'active' must be true or false, got '" + active + "'");
        }
        if (commune != null) {
            Params.place(ctx, inventory.current(), "commune", commune);
        }
        long now = clock.getAsLong();
        Map<String, List<Emergency>> byId = new LinkedHashMap<>();
        for (Emergency part : store.all()) {
            byId.computeIfAbsent(part.id(), k -> new ArrayList<>()).add(part);
        }
        JsonArray out = new JsonArray();
        Actor actor = Actor.of(ctx);
        Inventory current = inventory.current();
        byId.values().forEach(parts -> {
            if (parts.stream().noneMatch(e -> actor.covers(current, e.communeId()))) {
                return;
            }
            boolean onAir = parts.stream().anyMatch(e -> e.activeAt(now));
            boolean inCommune = commune == null || parts.stream().anyMatch(e -> e.communeId().equals(commune));
            if (inCommune && (active == null || onAir == Boolean.parseBoolean(active))) {
                out.add(json(parts, now));
            }
        });
        HealthEndpoint.json(ctx, 200, new JsonObject().put("emergencies", out));
    }

    private void one(RoutingContext ctx) {
        loaded();
        List<Emergency> parts = find(ctx.pathParam("id"));
        Actor actor = Actor.of(ctx);
        if (parts.stream().noneMatch(e -> actor.covers(inventory.current(), e.communeId()))) {
            throw ApiException.notFound("no emergency broadcast '" + ctx.pathParam("id") + "'");
        }
        long now = clock.getAsLong();
        reach.of(parts, now)
                .onFailure(e -> ctx.fail(Params.failure(e)))
                .onSuccess(result -> HealthEndpoint.json(ctx, 200, json(parts, now).put("reach", result.json())));
    }

    private void cancel(RoutingContext ctx) {
        loaded();
        String id = ctx.pathParam("id");
        List<Emergency> parts = find(id);
        Actor actor = Actor.of(ctx);
        for (Emergency part : parts) {
            if (!actor.canIssueEmergency(inventory.current(), part.communeId())) {
                throw ApiException.forbidden(actor.name() + " may not cancel an emergency in " + part.communeId());
            }
        }
        long now = clock.getAsLong();
        store.cancel(id, actor.name(), now)
                .compose(updated -> {
                    LOG.warn("Emergency {} cancelled by {}", id, actor.name());
                    return Future.all(updated.stream().map(e -> publisher.changed(e.communeId())).toList())
                            .map(v -> updated);
                })
                .onFailure(ctx::fail)
                .onSuccess(updated -> HealthEndpoint.json(ctx, 200, json(updated, clock.getAsLong())));
    }

    private List<Emergency> find(String id) {
        List<Emergency> parts = store.byId(id);
        if (parts.isEmpty()) {
            throw ApiException.notFound("no emergency '" + id + "'");
        }
        return parts;
    }

    private void loaded() {
        if (!store.loaded()) {
            throw new ApiException(503, "unavailable", "the emergency log is still being loaded from storage; try "
                    + "again in a moment");
        }
    }

    private static List<String> villages(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_VILLAGES) {
            throw ApiException.badRequest("field 'villages' must be a list of 1 to " + MAX_VILLAGES + " place ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String id) || id.isBlank()) {
                throw ApiException.badRequest("field 'villages' must hold place ids (strings)");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static List<String> loudspeakers(Inventory inventory, List<String> places) {
        Set<String> ids = new LinkedHashSet<>();
        for (String place : places) {
            for (Device device : inventory.devicesUnder(place)) {
                if (device.kind() == DeviceKind.LOUDSPEAKER) {
                    ids.add(device.id());
                }
            }
        }
        return List.copyOf(ids);
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field 'duration' must be an ISO-8601 duration such as PT30M, got '" + text
                    + "'");
        }
    }

    /** An issue (all its parts) as JSON. */
    static JsonObject json(List<Emergency> parts, long now) {
        Emergency first = parts.get(0);
        JsonArray communes = new JsonArray();
        long end = 0;
        for (Emergency part : parts) {
            end = Math.max(end, part.effectiveEnd());
            communes.add(new JsonObject().put("commune", part.communeId())
                    .put("villages", new JsonArray(part.villages()))
                    .put("devices", new JsonArray(part.devices())));
        }
        String status = parts.stream().anyMatch(e -> e.activeAt(now)) ? "on_air"
                : first.cancelledAt() != null && first.cancelledAt() < first.end() ? "cancelled" : "ended";
        return new JsonObject()
                .put("id", first.id())
                .put("program", first.program())
                .put("status", status)
                .put("issued_by", first.issuedBy())
                .put("issued_at", Instant.ofEpochMilli(first.start()).toString())
                .put("ends_at", Instant.ofEpochMilli(end).toString())
                .put("cancelled_by", first.cancelledBy())
                .put("cancelled_at", first.cancelledAt() == null ? null
                        : Instant.ofEpochMilli(first.cancelledAt()).toString())
                .put("communes", communes);
    }
}

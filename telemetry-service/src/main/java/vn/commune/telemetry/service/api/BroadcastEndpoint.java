package vn.commune.telemetry.service.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.Play;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.SlotPlay;
import vn.commune.telemetry.service.broadcast.ComplianceService;
import vn.commune.telemetry.service.broadcast.Schedule;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.Segment;

/**
 * What the loudspeakers actually aired: {@code GET /api/v1/broadcasts/compliance?place=&from=&to=} (the share of
 * slots complied with, minutes per place and programme, every miss with its cause; {@code &slots=all} adds every
 * slot at every loudspeaker) and {@code GET /api/v1/broadcasts/today?commune=} (each slot of the local day with each
 * loudspeaker's live status).
 */
public final class BroadcastEndpoint {

    private static final String JSON = "application/json; charset=utf-8";

    private final InventoryStore inventory;
    private final ComplianceService compliance;
    private final LongSupplier clock;

    public BroadcastEndpoint(InventoryStore inventory, ComplianceService compliance, LongSupplier clock) {
        this.inventory = inventory;
        this.compliance = compliance;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/broadcasts/compliance").handler(this::compliance);
        router.get("/api/v1/broadcasts/today").handler(this::today);
    }

    private void compliance(RoutingContext ctx) {
        Inventory current = inventory.current();
        Place place = Params.place(ctx, current, "place", ctx.request().getParam("place"));
        long[] period = Params.period(ctx, clock.getAsLong());
        String slots = ctx.request().getParam("slots");
        if (slots != null && !slots.equals("all") && !slots.equals("missed")) {
            throw ApiException.badRequest("parameter 'slots' must be all or missed, got '" + slots + "'");
        }
        boolean all = "all".equals(slots);
        compute(ctx, place, period[0], period[1]).onSuccess(result -> HealthEndpoint.offLoop(ctx, JSON, () -> {
            JsonObject answer = new JsonObject()
                    .put("place", StateJson.place(place))
                    .put("from", Instant.ofEpochMilli(result.from()).toString())
                    .put("to", Instant.ofEpochMilli(result.to()).toString())
                    .put("miss_below", result.threshold())
                    .put("summary", summary(result.slots()))
                    .put("places", byPlace(current, place, result.slots()))
                    .put("programs", byProgram(result.slots()));
            JsonArray misses = new JsonArray();
            JsonArray every = new JsonArray();
            for (SlotPlay slot : result.slots()) {
                if (slot.missed()) {
                    misses.add(slot(current, slot));
                }
                if (all) {
                    every.add(slot(current, slot));
                }
            }
            answer.put("misses", misses);
            if (all) {
                answer.put("slots", every);
            }
            return answer.encode();
        }));
    }

    private void today(RoutingContext ctx) {
        Inventory current = inventory.current();
        Place commune = Params.place(ctx, current, "commune", ctx.request().getParam("commune"));
        if (!commune.level().equals(current.communeLevel())) {
            throw ApiException.badRequest("'" + commune.id() + "' is a " + commune.level() + ", not a "
                    + current.communeLevel());
        }
        long now = clock.getAsLong();
        LocalDate day = Instant.ofEpochMilli(now).atZone(Schedule.ZONE).toLocalDate();
        long from = day.atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
        compute(ctx, commune, from, now).onSuccess(result -> {
            List<Device> speakers = current.devicesUnder(commune.id()).stream()
                    .filter(d -> d.kind() == DeviceKind.LOUDSPEAKER).toList();
            Map<String, List<Airing>> ahead = compliance.expected(current, commune.id(), speakers, now, to);
            Map<String, JsonObject> occurrences = new LinkedHashMap<>();
            for (SlotPlay slot : result.slots()) {
                JsonObject occurrence = occurrence(occurrences, slot.occurrence());
                boolean over = slot.occurrence().scheduledEnd().toEpochMilli() <= now;
                String status;
                if (over) {
                    status = slot.missed() ? "missed" : "complied";
                } else if (playingNow(result.plays().get(slot.deviceId()), slot.occurrence(), now)) {
                    status = "playing";
                } else {
                    status = online(result.timelines().of(deviceOf(current, slot.deviceId())), now) ? "not_playing"
                            : "offline";
                }
                occurrence.getJsonObject("loudspeakers").put(slot.deviceId(), new JsonObject().put("status", status)
                        .put("played_s", slot.playedMs() / 1000.0)
                        .put("cause", slot.cause() == null ? null : slot.cause().wireName())
                        .put("detail", slot.detail()));
            }
            ahead.forEach((device, airings) -> {
                boolean online = online(result.timelines().of(deviceOf(current, device)), now);
                for (Airing airing : airings) {
                    JsonObject loudspeakers = occurrence(occurrences, airing).getJsonObject("loudspeakers");
                    if (!loudspeakers.containsKey(device)) {
                        loudspeakers.put(device, new JsonObject().put("status", online ? "waiting" : "offline")
                                .put("played_s", 0.0));
                    }
                }
            });
            List<JsonObject> sorted = new ArrayList<>(occurrences.values());
            sorted.sort((a, b) -> a.getString("scheduled_start").compareTo(b.getString("scheduled_start")));
            HealthEndpoint.json(ctx, 200, new JsonObject()
                    .put("commune", StateJson.place(commune))
                    .put("date", day.toString())
                    .put("now", Instant.ofEpochMilli(now).toString())
                    .put("slots", new JsonArray(new ArrayList<>(sorted))));
        });
    }

    /** The compliance; a failure (the history still loading, InfluxDB away) is answered, not thrown. */
    private Future<ComplianceService.Result> compute(RoutingContext ctx, Place place, long from, long to) {
        Future<ComplianceService.Result> result;
        try {
            result = compliance.compute(place, from, to);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.onFailure(e -> ctx.fail(Params.failure(e)));
    }

    private static Device deviceOf(Inventory inventory, String id) {
        return inventory.device(id).orElseThrow();
    }

    private static boolean online(List<Segment> segments, long now) {
        for (Segment segment : segments) {
            if (segment.from() <= now - 1 && now - 1 < segment.to()) {
                return segment.state() == DeviceState.ONLINE;
            }
        }
        return false;
    }

    private static boolean playingNow(List<Play> plays, Airing occurrence, long now) {
        if (plays == null) {
            return false;
        }
        for (Play play : plays) {
            if (play.to() >= now && play.from() < now && (play.itemId() != null
                    ? play.itemId().equals(occurrence.itemId()) && play.bulletin() == occurrence.bulletin()
                    : occurrence.program().equals(play.program()))) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject occurrence(Map<String, JsonObject> occurrences, Airing airing) {
        String key = (airing.bulletin() ? "b:" : "s:") + airing.itemId() + "@" + airing.scheduledStart();
        return occurrences.computeIfAbsent(key, k -> new JsonObject()
                .put("item", airing.itemId())
                .put("bulletin", airing.bulletin())
                .put("program", airing.program())
                .put("priority", airing.priority().wireName())
                .put("scheduled_start", airing.scheduledStart().toString())
                .put("scheduled_end", airing.scheduledEnd().toString())
                .put("loudspeakers", new JsonObject()));
    }

    private static JsonObject summary(List<SlotPlay> slots) {
        long expected = 0;
        long played = 0;
        int missed = 0;
        for (SlotPlay slot : slots) {
            expected += slot.expectedMs();
            played += slot.playedMs();
            missed += slot.missed() ? 1 : 0;
        }
        return new JsonObject()
                .put("slots", slots.size())
                .put("complied", slots.size() - missed)
                .put("missed", missed)
                .put("compliance", slots.isEmpty() ? null : (double) (slots.size() - missed) / slots.size())
                .put("scheduled_minutes", expected / 60_000.0)
                .put("played_minutes", played / 60_000.0);
    }

    /** The summary of every place from {@code place} down to the loudspeakers' places, in tree order. */
    private static JsonArray byPlace(Inventory inventory, Place place, List<SlotPlay> slots) {
        Map<String, List<SlotPlay>> grouped = new LinkedHashMap<>();
        for (SlotPlay slot : slots) {
            inventory.device(slot.deviceId()).ifPresent(device -> {
                for (Place ancestor : inventory.ancestors(device.placeId())) {
                    if (ancestor.depth() > place.depth()) {
                        grouped.computeIfAbsent(ancestor.id(), k -> new ArrayList<>()).add(slot);
                    }
                }
            });
        }
        JsonArray out = new JsonArray();
        grouped.forEach((id, list) -> inventory.place(id).ifPresent(p -> out.add(StateJson.place(p)
                .put("parent", p.parentId()).put("summary", summary(list)))));
        return out;
    }

    private static JsonArray byProgram(List<SlotPlay> slots) {
        Map<String, List<SlotPlay>> grouped = new LinkedHashMap<>();
        slots.forEach(slot -> grouped.computeIfAbsent(slot.occurrence().program(), k -> new ArrayList<>()).add(slot));
        JsonArray out = new JsonArray();
        grouped.forEach((program, list) -> out.add(new JsonObject().put("program", program)
                .put("summary", summary(list))));
        return out;
    }

    private static JsonObject slot(Inventory inventory, SlotPlay slot) {
        Airing occurrence = slot.occurrence();
        String place = inventory.device(slot.deviceId()).map(Device::placeId).orElse(null);
        JsonObject shortfall = new JsonObject();
        slot.shortfall().forEach((cause, ms) -> shortfall.put(cause.wireName(), ms / 1000.0));
        return new JsonObject()
                .put("device", slot.deviceId())
                .put("place", place)
                .put("commune", place == null ? null : inventory.communeOf(place).map(Place::id).orElse(null))
                .put("item", occurrence.itemId())
                .put("bulletin", occurrence.bulletin())
                .put("program", occurrence.program())
                .put("priority", occurrence.priority().wireName())
                .put("scheduled_start", occurrence.scheduledStart().toString())
                .put("scheduled_end", occurrence.scheduledEnd().toString())
                .put("expected_s", slot.expectedMs() / 1000.0)
                .put("played_s", slot.playedMs() / 1000.0)
                .put("missed", slot.missed())
                .put("cause", slot.cause() == null ? null : slot.cause().wireName())
                .put("detail", slot.detail())
                .put("shortfall_s", shortfall);
    }
}

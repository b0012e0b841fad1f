package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.service.broadcast.Schedule;
import vn.commune.telemetry.service.broadcast.ScheduleJson;
import vn.commune.telemetry.service.broadcast.SchedulePublisher;
import vn.commune.telemetry.service.broadcast.ScheduleRules;
import vn.commune.telemetry.service.broadcast.ScheduleStore;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * A commune's broadcast schedule: {@code GET /api/v1/schedules/{communeId}} (the approved version in force and the
 * draft waiting, if any), {@code PUT …} (a new draft: {@code {"slots": […]}}, checked whole, every problem listed),
 * {@code POST …/approve} ({@code {"version": n}}: the newest draft, as read) and {@code GET …/history} (every
 * version, newest first). Officials of the commune edit, its approvers approve, staff do both ({@link Actor}).
 */
public final class ScheduleEndpoint {

    private final InventoryStore inventory;
    private final ScheduleStore store;
    private final SchedulePublisher publisher;
    private final ScheduleRules rules;
    private final LongSupplier clock;

    public ScheduleEndpoint(InventoryStore inventory, ScheduleStore store, SchedulePublisher publisher,
            ScheduleRules rules, LongSupplier clock) {
        this.publisher = publisher;
        this.inventory = inventory;
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/schedules/:commune").handler(this::read);
        router.put("/api/v1/schedules/:commune").handler(this::draft);
        router.post("/api/v1/schedules/:commune/approve").handler(this::approve);
        router.get("/api/v1/schedules/:commune/history").handler(this::history);
    }

    private void read(RoutingContext ctx) {
        String commune = commune(ctx);
        JsonObject answer = new JsonObject().put("commune", commune).put("timezone", Schedule.ZONE.getId());
        long now = clock.getAsLong();
        answer.put("in_force", store.inForce(commune, now).map(ScheduleEndpoint::json).orElse(null));
        answer.put("approved", store.approved(commune).filter(v -> !v.effectiveAt(now)).map(ScheduleEndpoint::json)
                .orElse(null));
        answer.put("draft", store.latest(commune).filter(v -> !v.approved()).map(ScheduleEndpoint::json)
                .orElse(null));
        answer.put("delivery", publisher.delivery(commune).map(delivery -> new JsonObject()
                .put("topic", Topics.communeSchedule(commune))
                .put("version", delivery.version())
                .put("sent_at", Instant.ofEpochMilli(delivery.sentAt()).toString())
                .put("acknowledged", delivery.acknowledged())
                .put("problem", delivery.problem())).orElse(null));
        HealthEndpoint.json(ctx, 200, answer);
    }

    private void draft(RoutingContext ctx) {
        String commune = commune(ctx);
        Actor actor = allowed(ctx, (a, c) -> a.canEditSchedule(inventory.current(), c), "edit", commune);
        JsonObject body = Params.jsonBody(ctx, "slots");
        ScheduleJson.Read read = ScheduleJson.read(body.getValue("slots"));
        List<ScheduleRules.Problem> problems = read.problems();
        if (problems.isEmpty()) {
            problems = rules.check(new Schedule(commune, read.slots()), inventory.current());
        }
        if (!problems.isEmpty()) {
            JsonArray list = new JsonArray();
            problems.forEach(p -> list.add(new JsonObject().put("path", p.path()).put("message", p.message())));
            throw new ApiException(400, "invalid_schedule", problems.size() + " problem(s) in the schedule; "
                    + "nothing was saved", list);
        }
        store.saveDraft(commune, read.slots(), actor.name(), clock.getAsLong())
                .onFailure(ctx::fail)
                .onSuccess(version -> HealthEndpoint.json(ctx, 201, json(version)));
    }

    private void approve(RoutingContext ctx) {
        String commune = commune(ctx);
        Actor actor = allowed(ctx, (a, c) -> a.canApproveSchedule(inventory.current(), c), "approve",
                commune);
        JsonObject body = Params.jsonBody(ctx, "version", "effective_from");
        if (!(body.getValue("version") instanceof Number number) || number.doubleValue() != number.intValue()) {
            throw ApiException.badRequest("field 'version' must be the number of the draft approved (as read)");
        }
        Object effective = body.getValue("effective_from");
        if (effective != null && !(effective instanceof String)) {
            throw ApiException.badRequest("field 'effective_from' must be a date (2026-12-01) or an instant");
        }
        Long effectiveFrom = effective == null ? null : Params.dateOrInstant("effective_from", (String) effective);
        store.approve(commune, number.intValue(), actor.name(), clock.getAsLong(), effectiveFrom)
                .onFailure(failure -> ctx.fail(failure instanceof ScheduleStore.Conflict conflict
                        ? ApiException.conflict(conflict.getMessage()) : failure))
                .compose(version -> publisher.changed(commune).map(v -> version))
                .onSuccess(version -> HealthEndpoint.json(ctx, 200, json(version)));
    }

    private void history(RoutingContext ctx) {
        String commune = commune(ctx);
        JsonArray versions = new JsonArray();
        store.history(commune).forEach(version -> versions.add(json(version)));
        HealthEndpoint.json(ctx, 200, new JsonObject().put("commune", commune).put("versions", versions));
    }

    /** The request's actor, if it may do {@code what} to the commune's schedule; 403 otherwise. */
    private static Actor allowed(RoutingContext ctx, BiPredicate<Actor, String> may, String what,
            String commune) {
        Actor actor = Actor.of(ctx);
        if (!may.test(actor, commune)) {
            throw ApiException.forbidden(actor.name() + " may not " + what + " the schedule of " + commune);
        }
        return actor;
    }

    private String commune(RoutingContext ctx) {
        if (!store.loaded()) {
            throw new ApiException(503, "unavailable", "the schedules are still being loaded from storage; try "
                    + "again in a moment");
        }
        Inventory current = inventory.current();
        return Params.place(ctx, current, "commune", ctx.pathParam("commune")).id();
    }


    static JsonObject json(ScheduleStore.Version version) {
        return new JsonObject()
                .put("version", version.number())
                .put("status", version.approved() ? "approved" : "draft")
                .put("created_at", Instant.ofEpochMilli(version.createdAt()).toString())
                .put("author", version.author())
                .put("summary", version.summary())
                .put("approved_by", version.approvedBy())
                .put("approved_at", version.approvedAt() == null ? null
                        : Instant.ofEpochMilli(version.approvedAt()).toString())
                .put("effective_from", version.effectiveFrom() == null ? null
                        : Instant.ofEpochMilli(version.effectiveFrom()).toString())
                .put("slots", ScheduleJson.write(version.slots()));
    }
}

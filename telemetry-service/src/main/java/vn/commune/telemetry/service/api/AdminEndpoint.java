package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;
import vn.commune.telemetry.service.auth.AuditLog;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UserStore;

/**
 * What admins read ({@code docs/api.md#users-and-audit}): {@code GET /api/v1/users} (the users of the users file,
 * without their password hashes) and {@code GET /api/v1/audit?from=&to=&limit=} (the audit log, newest first). Users
 * are changed with the {@code user} command, which writes the file the service reads again.
 */
public final class AdminEndpoint {

    private final UserStore users;
    private final AuditLog audit;
    private final LongSupplier clock;

    public AdminEndpoint(UserStore users, AuditLog audit, LongSupplier clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/users").handler(this::users);
        router.get("/api/v1/audit").handler(this::audit);
    }

    private static void admin(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        if (!actor.isAdmin()) {
            throw ApiException.forbidden(actor.name() + " is not an admin");
        }
    }

    private void users(RoutingContext ctx) {
        admin(ctx);
        JsonArray out = new JsonArray();
        for (User user : users.all()) {
            out.add(new JsonObject().put("username", user.username()).put("name", user.name())
                    .put("role", user.role().wireName()).put("approver", user.approver())
                    .put("places", new JsonArray(user.places())));
        }
        HealthEndpoint.json(ctx, 200, new JsonObject().put("users", out));
    }

    private void audit(RoutingContext ctx) {
        admin(ctx);
        long[] period = Params.period(ctx, clock.getAsLong());
        int limit = Params.integer(ctx, "limit", 500, 1, 10_000);
        audit.read(period[0], period[1], limit).onFailure(e -> ctx.fail(Params.failure(e))).onSuccess(entries -> {
            JsonArray out = new JsonArray();
            entries.forEach(entry -> out.add(entry.json()));
            HealthEndpoint.json(ctx, 200, new JsonObject().put("entries", out));
        });
    }
}

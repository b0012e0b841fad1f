package vn.commune.telemetry.service.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import vn.commune.telemetry.service.auth.AuditLog;
import vn.commune.telemetry.service.auth.LoginThrottle;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UserStore;

/**
 * Logging in and out ({@code docs/api.md#sessions}): {@code POST /api/v1/session} with a username and password starts
 * a session (an HttpOnly, SameSite=Strict cookie) and answers the user and the session's CSRF token; {@code GET}
 * answers them again; {@code DELETE} logs out. Failed logins are throttled per username and per address, and every
 * login is audited. The password check runs on a worker thread (Argon2id takes tens of milliseconds on purpose).
 */
public final class SessionEndpoint {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final UserStore users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String tileUrl;

    /** @param tileUrl the map tile URL template the dashboard draws under its map, or null */
    public SessionEndpoint(Vertx vertx, UserStore users, Passwords passwords, LoginThrottle throttle, AuditLog audit,
            String tileUrl) {
        this.tileUrl = tileUrl;
        this.vertx = vertx;
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** The login route: mounted before authentication. */
    public void addLoginRoute(Router router) {
        router.post("/api/v1/session").handler(this::login);
    }

    /** The routes that need a logged-in actor. */
    public void addRoutes(Router router) {
        router.get("/api/v1/session").handler(this::current);
        router.delete("/api/v1/session").handler(this::logout);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Params.jsonBody(ctx, "username", "password");
        String username = Params.text(body, "username", 64);
        String password = Params.text(body, "password", 1024);
        String address = AuthHandler.address(ctx);
        long wait = throttle.waitMillis(username, address);
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            audit.record(username, "", "LOGIN", "/api/v1/session", 429, address, "throttled");
            throw new ApiException(429, "too_many_attempts", "too many failed logins; try again in " + seconds
                    + " s");
        }
        Optional<User> user = users.find(username);
        Session session = ctx.session();
        vertx.executeBlocking(() -> passwords.matches(password, user.map(User::passwordHash).orElse(null)), false)
                .onFailure(ctx::fail)
                .onSuccess(ok -> {
                    if (!ok || user.isEmpty()) {
                        throttle.failed(username, address);
                        audit.record(username, "", "LOGIN", "/api/v1/session", 401, address, "wrong username or "
                                + "password");
                        ctx.fail(new ApiException(401, "invalid_credentials", "wrong username or password"));
                        return;
                    }
                    throttle.succeeded(username);
                    session.regenerateId();
                    session.put(AuthHandler.SESSION_USER, username);
                    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
                    session.put(AuthHandler.SESSION_CSRF, csrf);
                    audit.record(username, user.get().role().wireName(), "LOGIN", "/api/v1/session", 200, address,
                            null);
                    HealthEndpoint.json(ctx, 200, answer(Actor.of(user.get()), csrf, tileUrl));
                });
    }

    private void current(RoutingContext ctx) {
        Actor actor = Actor.of(ctx);
        Session session = ctx.session();
        String csrf = actor == Actor.API_TOKEN || session == null ? null : session.get(AuthHandler.SESSION_CSRF);
        HealthEndpoint.json(ctx, 200, answer(actor, csrf, tileUrl));
    }

    private void logout(RoutingContext ctx) {
        if (ctx.session() != null) {
            ctx.session().destroy();
        }
        ctx.response().setStatusCode(204).end();
    }

    private static JsonObject answer(Actor actor, String csrf, String tileUrl) {
        return new JsonObject()
                .put("user", new JsonObject()
                        .put("username", actor.name())
                        .put("name", actor.displayName())
                        .put("role", actor.role().wireName())
                        .put("approver", actor.approver())
                        .put("places", new JsonArray(actor.places().stream().sorted().toList())))
                .put("csrf_token", csrf)
                .put("tile_url", tileUrl);
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }
}

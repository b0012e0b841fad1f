package vn.commune.telemetry.service.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import vn.commune.telemetry.service.auth.AuditLog;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UserStore;

/**
 * Lets a request to the API through as an {@link Actor}: with {@code Authorization: Bearer <the API token>} as the
 * token's integration actor, or with a session cookie of a logged-in user (who must still be in the users file). A
 * change (any method but GET, HEAD and OPTIONS) made with a session must carry the session's CSRF token in {@code
 * X-CSRF-Token}; the token is not needed with the bearer token, which a browser never sends on its own. Every change
 * that gets an answer is written to the audit log. Each request is charged to its client's rate limit ({@link
 * HttpGuards#admit}): the user or the token when they are valid, else the address.
 */
public final class AuthHandler implements Handler<RoutingContext> {

    /** The session's key of the logged-in username. */
    static final String SESSION_USER = "user";
    /** The session's key of its CSRF token. */
    static final String SESSION_CSRF = "csrf";
    /** The header that carries the CSRF token. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final byte[] token;
    private final UserStore users;
    private final AuditLog audit;
    private final HttpGuards guards;

    public AuthHandler(String token, UserStore users, AuditLog audit, HttpGuards guards) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.users = users;
        this.audit = audit;
        this.guards = guards;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Actor actor;
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                refuse(ctx, "only Authorization: Bearer <token> is accepted");
                return;
            }
            byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, token)) {
                refuse(ctx, "the API token is not valid");
                return;
            }
            actor = Actor.API_TOKEN;
            if (!guards.admit(ctx, "token")) {
                return;
            }
        } else {
            Optional<User> user = sessionUser(ctx, users);
            if (user.isEmpty()) {
                refuse(ctx, "log in (POST /api/v1/session) or give an API token: Authorization: Bearer <token>");
                return;
            }
            if (!guards.admit(ctx, "user:" + user.get().username())) {
                return;
            }
            if (changes(ctx.request().method()) && !csrfMatches(ctx)) {
                ctx.fail(new ApiException(403, "csrf", "a change needs the session's CSRF token in " + CSRF_HEADER
                        + " (GET /api/v1/session gives it)"));
                return;
            }
            actor = Actor.of(user.get());
        }
        ctx.put(Actor.KEY, actor);
        if (changes(ctx.request().method())) {
            String method = ctx.request().method().name();
            String path = ctx.request().path();
            String address = address(ctx);
            ctx.addEndHandler(done -> audit.record(actor.name(), actor.role().wireName(), method, path,
                    ctx.response().getStatusCode(), address, null));
        }
        ctx.next();
    }

    /** 401, or 429 when the address has used up its share of unauthenticated requests. */
    private void refuse(RoutingContext ctx, String detail) {
        if (guards.admit(ctx, null)) {
            ctx.fail(new ApiException(401, "unauthorized", detail));
        }
    }

    /** The user logged in with this request's session, if any (a session of a user since removed is ended). */
    static Optional<User> sessionUser(RoutingContext ctx, UserStore users) {
        Session session = ctx.session();
        if (session == null || session.get(SESSION_USER) == null) {
            return Optional.empty();
        }
        Optional<User> user = users.find(session.get(SESSION_USER));
        if (user.isEmpty()) {
            session.destroy();
        }
        return user;
    }

    private static boolean csrfMatches(RoutingContext ctx) {
        String expected = ctx.session().get(SESSION_CSRF);
        String given = ctx.request().getHeader(CSRF_HEADER);
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static boolean changes(HttpMethod method) {
        return !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                || method.equals(HttpMethod.OPTIONS));
    }

    static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
    }
}

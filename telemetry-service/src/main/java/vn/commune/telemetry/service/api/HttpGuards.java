package vn.commune.telemetry.service.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.io.IOException;
import java.util.Locale;
import java.util.function.LongSupplier;
import vn.commune.telemetry.protocol.StrictJson;

/**
 * The HTTP server's limits on what one client may ask ({@link HttpLimits}), as route handlers: every refusal is a
 * 4xx with the usual JSON error ({@link FailureHandler}), never a stack trace. In the order of the router:
 * {@link #first} (URI length, security headers), {@link #body} and {@link #json} on the API, {@link #timeout},
 * {@link #login} before the login route, and the per-client rate limits that {@link AuthHandler} applies through
 * {@link #admit}.
 */
public final class HttpGuards {

    /** Clients tracked at most per rate limit (beyond that, new ones share one bucket). */
    private static final int MAX_CLIENTS = 10_000;

    private final HttpLimits limits;
    private final boolean tls;
    private final JsonFactory json;
    private final RateLimiter api;
    private final RateLimiter anonymous;
    private final RateLimiter logins;

    /** With {@code tls}, every answer also carries HSTS: browsers then refuse plain HTTP to this host. */
    public HttpGuards(HttpLimits limits, boolean tls, LongSupplier clock) {
        this.limits = limits;
        this.tls = tls;
        this.json = StrictJson.factory(limits.maxJsonDepth(), limits.maxBodyBytes());
        this.api = new RateLimiter(limits.apiRate(), limits.apiBurst(), MAX_CLIENTS, clock);
        this.anonymous = new RateLimiter(limits.anonymousRate(), (int) Math.max(1, limits.anonymousRate() * 5),
                MAX_CLIENTS, clock);
        this.logins = new RateLimiter(limits.loginPerMinute() / 60.0, limits.loginPerMinute(), MAX_CLIENTS, clock);
    }

    /**
     * For every request, first of all (so errors and static files too): sets the headers every answer carries and
     * refuses an over-long URI (414).
     */
    public Handler<RoutingContext> first() {
        return ctx -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
            if (tls) {
                headers.set("Strict-Transport-Security", HttpTls.HSTS);
            }
            if (ctx.request().path() != null && ctx.request().path().startsWith("/api/")) {
                headers.set("Cache-Control", "no-store");
            }
            if (ctx.request().uri().length() > limits.maxUriLength()) {
                ctx.fail(new ApiException(414, "uri_too_long", "the request's URI is longer than "
                        + limits.maxUriLength() + " characters"));
                return;
            }
            ctx.next();
        };
    }

    /**
     * Reads an API request's body, refusing (413) one larger than {@link HttpLimits#maxBodyBytes()}. Before any of it
     * is read, a body that is not declared {@code application/json} is refused (415): the API takes nothing else, an
     * HTML form cannot send JSON across sites (a second guard beside the CSRF token), and no form or upload decoder
     * ever runs.
     */
    public Handler<RoutingContext> body() {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes());
        return ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && !isJson(type)) {
                ctx.fail(notJson());
                return;
            }
            reader.handle(ctx);
        };
    }

    /**
     * Checks an API request's body before any endpoint reads it: it must be well-formed JSON with no key given twice,
     * nesting at most {@link HttpLimits#maxJsonDepth()} deep (400).
     */
    public Handler<RoutingContext> json() {
        return ctx -> {
            Buffer body = ctx.body().buffer();
            if (body == null || body.length() == 0) {
                ctx.next();
                return;
            }
            if (ctx.request().getHeader("Content-Type") == null) {
                ctx.fail(notJson());
                return;
            }
            String problem = jsonProblem(body.getBytes());
            if (problem != null) {
                ctx.fail(new ApiException(400, "invalid_json", problem));
                return;
            }
            ctx.next();
        };
    }

    private static ApiException notJson() {
        return new ApiException(415, "unsupported_media_type",
                "a request body must be JSON, sent with Content-Type: application/json");
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        return type.equals("application/json") || type.startsWith("application/json;");
    }

    /** What is wrong with {@code bytes} as a JSON body, or null when nothing is. */
    String jsonProblem(byte[] bytes) {
        try (JsonParser parser = json.createParser(bytes)) {
            while (parser.nextToken() != null) {
                // reading every token is the check: nesting, duplicates and syntax fail here
            }
            return null;
        } catch (StreamConstraintsException e) {
            return "the body nests deeper than " + limits.maxJsonDepth() + " levels or has a string that is too long";
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int cut = reason.indexOf('\n');
            reason = cut < 0 ? reason : reason.substring(0, cut);
            reason = reason.length() > 160 ? reason.substring(0, 160) + "…" : reason;
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            return "the body is not valid JSON" + where + ": " + reason;
        } catch (IOException e) {
            return "the body cannot be read as JSON";
        }
    }

    /**
     * Answers 503 when an API request takes longer than {@link HttpLimits#requestTimeout()}; live event streams,
     * which are meant to stay open, are left alone.
     */
    public Handler<RoutingContext> timeout() {
        Handler<RoutingContext> timeout = TimeoutHandler.create(limits.requestTimeout().toMillis(), 503);
        return ctx -> {
            if (ctx.request().method() == HttpMethod.GET && "/api/v1/events".equals(ctx.request().path())) {
                ctx.next();
            } else {
                timeout.handle(ctx);
            }
        };
    }

    /** Before the login route: at most {@link HttpLimits#loginPerMinute()} attempts a minute per address (429). */
    public Handler<RoutingContext> login() {
        return ctx -> {
            long wait = logins.acquire(AuthHandler.address(ctx));
            if (wait > 0) {
                tooMany(ctx, wait, "too many login attempts from this address");
                return;
            }
            ctx.next();
        };
    }

    /**
     * Charges one request to its client: a logged-in user or the API token ({@code client} non-null) against the API
     * rate, anyone else by address against the lower anonymous rate. False (and the request answered 429) when the
     * client has used up its share.
     */
    boolean admit(RoutingContext ctx, String client) {
        long wait = client == null ? anonymous.acquire(AuthHandler.address(ctx)) : api.acquire(client);
        if (wait > 0) {
            tooMany(ctx, wait, client == null ? "too many requests from this address"
                    : "too many requests; slow down");
            return false;
        }
        return true;
    }

    private static void tooMany(RoutingContext ctx, long waitMillis, String detail) {
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
        ctx.fail(new ApiException(429, "too_many_requests", detail));
    }
}

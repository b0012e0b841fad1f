package vn.commune.telemetry.service.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <the configured API token>}, as the token's
 * {@link Actor} (staff).
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

    private final byte[] token;

    public BearerAuthHandler(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(new ApiException(401, "unauthorized", "an API token is required: Authorization: Bearer <token>"));
            return;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.fail(new ApiException(401, "unauthorized", "the API token is not valid"));
            return;
        }
        ctx.put(Actor.KEY, Actor.API_TOKEN);
        ctx.next();
    }
}

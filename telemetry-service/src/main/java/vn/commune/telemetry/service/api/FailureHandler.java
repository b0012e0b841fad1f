package vn.commune.telemetry.service.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failed request into {@code {"error": …, "detail": …}} with the right status; logs server faults. */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String error;
        String detail;
        if (failure instanceof ApiException api) {
            status = api.status();
            error = api.error();
            detail = api.getMessage();
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            error = switch (status) {
                case 401 -> "unauthorized";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                case 503 -> "unavailable";
                default -> status < 500 ? "bad_request" : "internal_error";
            };
            detail = switch (status) {
                case 404 -> "no such resource: " + ctx.request().path();
                case 413 -> "the request body is larger than the server takes (http.max-body)";
                case 503 -> "the request took too long or the server is busy; try again";
                default -> "HTTP " + status;
            };
        } else {
            status = 500;
            error = "internal_error";
            detail = "the server failed to answer; see its log";
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        if (ctx.response().ended()) {
            return;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"commune-telemetry\"");
        }
        JsonObject body = new JsonObject().put("error", error).put("detail", detail);
        if (failure instanceof ApiException api && api.problems() != null) {
            body.put("problems", api.problems());
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}

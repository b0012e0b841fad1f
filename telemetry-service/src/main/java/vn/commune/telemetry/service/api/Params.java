package vn.commune.telemetry.service.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.broadcast.Schedule;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.PeriodNotLoaded;

/** Query parameters read and checked at the edge: a bad one is a 400 naming it. */
final class Params {

    /** The longest period a query may span. */
    static final long MAX_PERIOD_MS = 400L * 86_400_000L;
    private static final long DAY_MS = 86_400_000L;

    private Params() {
    }

    /**
     * A period {@code [from, to)} from {@code from} and {@code to} (ISO-8601 instants); {@code to} defaults to now
     * and {@code from} to 24 hours before {@code to}.
     */
    static long[] period(RoutingContext ctx, long now) {
        long to = instant(ctx, "to", now);
        long from = instant(ctx, "from", to - DAY_MS);
        if (from >= to) {
            throw ApiException.badRequest("parameter 'from' must be before 'to'");
        }
        if (to - from > MAX_PERIOD_MS) {
            throw ApiException.badRequest("parameter 'from': the period may span at most 400 days");
        }
        return new long[] {from, to};
    }

    /** An ISO-8601 instant ({@code 2026-11-01T00:00:00Z} or with an offset) in epoch milliseconds. */
    static long instant(RoutingContext ctx, String name, long fallback) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return instant(name, value);
    }

    /** Parses an instant given as {@code name}. */
    static long instant(String name, String value) {
        try {
            return Instant.parse(value.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant().toEpochMilli();
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest("parameter '" + name + "': not an ISO-8601 instant such as "
                        + "2026-11-01T00:00:00Z, got '" + value + "'");
            }
        }
    }

    /**
     * An instant given as a local date of Vietnam ({@code 2026-12-01}: its first moment, 00:00 in Asia/Ho_Chi_Minh) or
     * as an ISO-8601 instant.
     */
    static long dateOrInstant(String name, String value) {
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return instant(name, value);
            } catch (ApiException notInstant) {
                throw ApiException.badRequest("field '" + name + "': not a date such as 2026-12-01 or an ISO-8601 "
                        + "instant such as 2026-12-01T00:00:00+07:00, got '" + value + "'");
            }
        }
    }

    /** A required non-blank string field of a JSON body, at most {@code max} characters; 400 otherwise. */
    static String text(JsonObject body, String field, int max) {
        String value = optionalText(body, field, max);
        if (value == null) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return value;
    }

    /** An optional non-blank string field of a JSON body (null when absent), at most {@code max} characters. */
    static String optionalText(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' must be a non-empty string");
        }
        if (text.length() > max) {
            throw ApiException.badRequest("field '" + field + "' must be at most " + max + " characters");
        }
        return text.trim();
    }

    /** A device kind, or null when absent; only the kinds given are allowed. */
    static DeviceKind kind(RoutingContext ctx, boolean required, DeviceKind... allowed) {
        String value = ctx.request().getParam("kind");
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badRequest("parameter 'kind' is required: " + names(allowed));
            }
            return null;
        }
        for (DeviceKind kind : allowed) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw ApiException.badRequest("parameter 'kind' must be one of " + names(allowed) + ", got '" + value + "'");
    }

    /** A device state, or null when absent. */
    static DeviceState state(RoutingContext ctx) {
        String value = ctx.request().getParam("state");
        if (value == null || value.isBlank()) {
            return null;
        }
        return DeviceState.fromWire(value.toLowerCase(Locale.ROOT)).orElseThrow(() -> ApiException.badRequest(
                "parameter 'state' must be online, offline, unknown or maintenance, got '" + value + "'"));
    }

    /** A whole number within bounds. */
    static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw ApiException.badRequest("parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    /** The place named by parameter (or path parameter) {@code name}; 404 when unknown. */
    static Place place(Inventory inventory, String name, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("parameter '" + name + "' is required");
        }
        return inventory.place(id).orElseThrow(() -> ApiException.notFound("no place '" + id + "' in the inventory"));
    }

    /**
     * The place named by parameter {@code name}; 404 when unknown, 403 when the request's actor does not act for it
     * (every read and change of a place goes through here or {@link #device(RoutingContext, Inventory, String,
     * String)}: that is how roles' places are enforced).
     */
    static Place place(RoutingContext ctx, Inventory inventory, String name, String id) {
        Place place = place(inventory, name, id);
        Actor actor = Actor.of(ctx);
        if (!actor.covers(inventory, place.id())) {
            throw ApiException.forbidden(actor.name() + " does not act for " + place.id() + " (their places: "
                    + String.join(", ", actor.places()) + ")");
        }
        return place;
    }

    /** The device named by parameter {@code name}; 404 when unknown, 403 when the actor does not act for it. */
    static Device device(RoutingContext ctx, Inventory inventory, String name, String id) {
        Device device = device(inventory, name, id);
        Actor actor = Actor.of(ctx);
        if (!actor.covers(inventory, device)) {
            throw ApiException.forbidden(actor.name() + " does not act for " + device.id() + " (their places: "
                    + String.join(", ", actor.places()) + ")");
        }
        return device;
    }

    /** The device named by parameter (or path parameter) {@code name}; 404 when unknown. */
    static Device device(Inventory inventory, String name, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("parameter '" + name + "' is required");
        }
        return inventory.device(id).orElseThrow(() -> ApiException.notFound("no device '" + id
                + "' in the inventory"));
    }

    /** What a failed computation means for the client. */
    static Throwable failure(Throwable cause) {
        if (cause instanceof PeriodNotLoaded notLoaded) {
            return new ApiException(503, "not_ready", notLoaded.getMessage());
        }
        return cause;
    }

    private static String names(DeviceKind... kinds) {
        return String.join(", ", Arrays.stream(kinds).map(DeviceKind::wireName).toList());
    }

    /**
     * The request's body as a JSON object with only the given fields; 400 when it is not one, or has another field
     * (a misspelt {@code "unti"} must not silently leave a window open for ever).
     */
    static JsonObject jsonBody(RoutingContext ctx, String... fields) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        if (body == null) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        List<String> allowed = List.of(fields);
        for (String name : body.fieldNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + (name.length() > 64 ? name.substring(0, 64) + "…"
                        : name) + "'; this request takes " + (fields.length == 0 ? "no fields"
                        : String.join(", ", fields)));
            }
        }
        return body;
    }
}

package vn.commune.telemetry.service.storage;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Reading InfluxDB's answers: the write classification, error texts, Retry-After, and transport failures. */
final class InfluxAnswers {

    private static final int MAX_DETAIL_CHARS = 1000;
    private static final Pattern SECRET_PARAM = Pattern.compile("([?&](?:p|u|password|token)=)[^&\\s]*");

    private InfluxAnswers() {
    }

    /** Classes the answer to a write: 2xx OK, 413 split, 400/422 bad data, everything else retry. */
    static WriteOutcome classify(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return WriteOutcome.ok(status);
        }
        String detail = errorText(response);
        if (status == 413) {
            return new WriteOutcome(WriteOutcome.Kind.SPLIT, status, detail, null);
        }
        if (status == 400 || status == 422) {
            return new WriteOutcome(WriteOutcome.Kind.BAD_DATA, status, detail, null);
        }
        return new WriteOutcome(WriteOutcome.Kind.RETRY, status, detail, retryAfter(response.getHeader("Retry-After")));
    }

    /** A write that got no answer. */
    static WriteOutcome transportFailure(Throwable cause, long timeoutMillis) {
        return new WriteOutcome(WriteOutcome.Kind.RETRY, 0, describe(cause, timeoutMillis), null);
    }

    /** Whether a RETRY outcome is a configuration fault rather than a passing failure of the server. */
    static boolean isConfigFault(WriteOutcome outcome) {
        int status = outcome.status();
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    /** Whether the answer says the database or retention policy is missing (it can be created again). */
    static boolean isMissingDatabase(WriteOutcome outcome) {
        String detail = outcome.detail() == null ? "" : outcome.detail();
        return detail.contains("database not found") || detail.contains("retention policy not found");
    }

    /** InfluxDB's error text: JSON {@code error} or {@code message}, the X-Influxdb-Error header, or the body. */
    static String errorText(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        String text = body == null ? "" : body.toString().trim();
        if (text.startsWith("{")) {
            try {
                JsonObject json = new JsonObject(text);
                String error = json.getValue("error") instanceof String s ? s : null;
                String message = json.getValue("message") instanceof String s ? s : null;
                if (error != null || message != null) {
                    return truncate(error != null ? error : message);
                }
            } catch (DecodeException | ClassCastException e) {
                // not InfluxDB's JSON error shape: fall through to the header or the raw text
            }
        }
        String header = response.getHeader("X-Influxdb-Error");
        if (header != null && !header.isBlank()) {
            return truncate(header);
        }
        return text.isEmpty() ? "HTTP " + response.statusCode() + " " + response.statusMessage() : truncate(text);
    }

    /** The delay a {@code Retry-After} header asks for (seconds or an HTTP date); null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** A transport failure in words, with any credential in a URL masked. */
    static String describe(Throwable cause, long timeoutMillis) {
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeoutMillis + " ms";
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return scrub(cause.getClass().getSimpleName() + message);
    }

    /** Masks {@code p=}, {@code u=}, {@code password=} and {@code token=} query parameters in a text. */
    static String scrub(String text) {
        return text == null ? "" : SECRET_PARAM.matcher(text).replaceAll("$1****");
    }

    static String truncate(String text) {
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "…";
    }
}

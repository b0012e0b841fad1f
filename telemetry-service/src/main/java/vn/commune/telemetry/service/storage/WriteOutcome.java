package vn.commune.telemetry.service.storage;

import java.time.Duration;

/**
 * What InfluxDB made of one {@code POST /write}, classed the way Telegraf's InfluxDB outputs class it: accepted,
 * retry later, split the batch, or bad data.
 *
 * @param kind the class of the answer
 * @param status HTTP status, or 0 when no answer came (connection error, timeout)
 * @param detail InfluxDB's error text, or a description of the transport failure; empty when OK
 * @param retryAfter how long the server asked us to wait ({@code Retry-After}); null when it did not say
 */
public record WriteOutcome(Kind kind, int status, String detail, Duration retryAfter) {

    /** The class of a write answer. */
    public enum Kind {
        /** Every point was written (204, or 200 from some servers). */
        OK,
        /** Nothing is known to be written; try again later: transport error, timeout, 5xx, 429, config faults. */
        RETRY,
        /** The body was too large (413): send it again in halves. */
        SPLIT,
        /** InfluxDB rejected some point(s) of the body (400, 422); its text says which and why. */
        BAD_DATA
    }

    /** The outcome of an accepted write. */
    public static WriteOutcome ok(int status) {
        return new WriteOutcome(Kind.OK, status, "", null);
    }

    /** Whether the points were written. */
    public boolean isOk() {
        return kind == Kind.OK;
    }

    /**
     * A low-cardinality name of why a write is retried, for the {@code outcome} tag of
     * {@code ct.storage.write.retries}: {@code unavailable} (no answer), {@code throttled} (429),
     * {@code server_error} (5xx) or {@code config} (401, 403, 404 and other client errors that are not bad data).
     */
    public String retryReason() {
        if (status == 0) {
            return "unavailable";
        }
        if (status == 429) {
            return "throttled";
        }
        if (status >= 500) {
            return "server_error";
        }
        return "config";
    }
}

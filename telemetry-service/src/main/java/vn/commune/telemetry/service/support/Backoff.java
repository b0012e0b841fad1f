package vn.commune.telemetry.service.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts against something that is away (InfluxDB, the broker): the first is {@code min}, each
 * next one twice the last up to {@code max}, plus up to a tenth of jitter so that many clients do not retry in step;
 * a server's {@code Retry-After} wins, within {@code min} and the longer of {@code max} and ten minutes. Not
 * thread-safe: one per retrying thing, used on its context.
 */
public final class Backoff {

    /** The longest {@code Retry-After} honoured. */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final long minMillis;
    private final long maxMillis;
    private long lastMillis;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt, in milliseconds. */
    public long next() {
        return next(null);
    }

    /** The delay before the next attempt, in milliseconds; {@code retryAfter} (may be null) is the server's. */
    public long next(Duration retryAfter) {
        lastMillis = lastMillis == 0 ? minMillis : Math.min(maxMillis, lastMillis * 2);
        if (retryAfter != null) {
            long ceiling = Math.max(maxMillis, LONGEST_RETRY_AFTER.toMillis());
            return Math.max(minMillis, Math.min(retryAfter.toMillis(), ceiling));
        }
        return lastMillis + ThreadLocalRandom.current().nextLong(lastMillis / 10 + 1);
    }

    /** An attempt succeeded: the next failure starts again from {@code min}. */
    public void reset() {
        lastMillis = 0;
    }
}

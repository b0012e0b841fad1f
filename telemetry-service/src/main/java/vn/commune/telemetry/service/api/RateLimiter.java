package vn.commune.telemetry.service.api;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets per client: each client may make {@code burst} requests at once and {@code ratePerSecond} on
 * average. Buckets that have filled up again are forgotten when the table grows past {@code maxClients}, and a new
 * client beyond that many busy ones shares one overflow bucket, so a flood of spoofed clients cannot grow memory.
 * Used on one event loop (not thread-safe).
 */
public final class RateLimiter {

    private final double ratePerMilli;
    private final double burst;
    private final int maxClients;
    private final LongSupplier clock;
    private final Map<String, double[]> buckets = new HashMap<>();

    public RateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier clock) {
        if (ratePerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate, burst and table size");
        }
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /**
     * Takes one request from {@code client}'s bucket: 0 when it may go ahead, else how many milliseconds until it
     * may (for {@code Retry-After}).
     */
    public long acquire(String client) {
        long now = clock.getAsLong();
        double[] bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                forgetIdle(now);
            }
            String key = buckets.size() >= maxClients ? "" : client;
            bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        }
        double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) * ratePerMilli);
        bucket[1] = now;
        if (tokens >= 1) {
            bucket[0] = tokens - 1;
            return 0;
        }
        bucket[0] = tokens;
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerMilli));
    }

    private void forgetIdle(long now) {
        for (Iterator<double[]> it = buckets.values().iterator(); it.hasNext(); ) {
            double[] bucket = it.next();
            if (bucket[0] + (now - bucket[1]) * ratePerMilli >= burst) {
                it.remove();
            }
        }
    }
}

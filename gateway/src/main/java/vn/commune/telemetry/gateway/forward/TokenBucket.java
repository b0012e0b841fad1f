package vn.commune.telemetry.gateway.forward;

/**
 * A bytes-per-second limit for the uplink: {@link #acquire} blocks the calling (sender) thread until the bytes may
 * go. A rate of 0 means no limit. A burst of one second's worth is allowed.
 */
final class TokenBucket {

    private final long bytesPerSecond;
    private double tokens;
    private long lastNanos;

    TokenBucket(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.lastNanos = System.nanoTime();
    }

    void acquire(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        while (true) {
            long now = System.nanoTime();
            tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) * bytesPerSecond / 1e9);
            lastNanos = now;
            if (tokens >= Math.min(bytes, bytesPerSecond)) {
                tokens -= bytes;
                return;
            }
            double missing = Math.min(bytes, bytesPerSecond) - tokens;
            long waitNanos = (long) (missing * 1e9 / bytesPerSecond);
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}

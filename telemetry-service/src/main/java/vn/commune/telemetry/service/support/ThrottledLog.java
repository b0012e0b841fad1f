package vn.commune.telemetry.service.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says whether a recurring problem should be logged now: at most once per period (a minute, usually), so that a
 * problem that lasts is seen without flooding the log. The caller logs, with its own logger and words, when
 * {@link #due()} answers true; what happens meanwhile is counted in a metric, not logged. Safe from any thread.
 */
public final class ThrottledLog {

    private final long periodNanos;
    private final AtomicLong last;

    public ThrottledLog(Duration period) {
        this.periodNanos = period.toNanos();
        this.last = new AtomicLong(System.nanoTime() - periodNanos);
    }

    /** Once a minute. */
    public static ThrottledLog perMinute() {
        return new ThrottledLog(Duration.ofMinutes(1));
    }

    /** Whether to log now; true at most once per period. */
    public boolean due() {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= periodNanos && last.compareAndSet(previous, now);
    }
}

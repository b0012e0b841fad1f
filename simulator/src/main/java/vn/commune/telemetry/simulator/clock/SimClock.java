package vn.commune.telemetry.simulator.clock;

import java.util.function.LongSupplier;

/**
 * The simulated clock: from {@link #begin()} on, simulated time runs {@code speed} times as fast as the wall clock,
 * starting at the run's start. An infinite speed means "as fast as the broker takes it": events are not paced.
 *
 * <p>The model never reads this clock: it only works with event times. The engine asks it how long to wait before
 * the next event, and at what simulated instant something from outside (a schedule) arrived.
 */
public final class SimClock {

    private final long startMillis;
    private final double speed;
    private final LongSupplier nanoTime;
    private volatile long wallStartNanos;
    private volatile boolean begun;

    /**
     * A clock that starts at {@code startMillis} (epoch milliseconds).
     *
     * @param speed    simulated seconds per wall second, above 0; {@link Double#POSITIVE_INFINITY} for unpaced
     * @param nanoTime the wall clock's monotonic nanoseconds ({@code System::nanoTime} outside tests)
     */
    public SimClock(long startMillis, double speed, LongSupplier nanoTime) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be above 0, got " + speed);
        }
        this.startMillis = startMillis;
        this.speed = speed;
        this.nanoTime = nanoTime;
    }

    /** Starts the clock: simulated time is {@code start} now. */
    public void begin() {
        wallStartNanos = nanoTime.getAsLong();
        begun = true;
    }

    /** The simulated start, epoch milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** Simulated seconds per wall second. */
    public double speed() {
        return speed;
    }

    /** Whether events run as fast as possible rather than at a pace. */
    public boolean unpaced() {
        return Double.isInfinite(speed);
    }

    /** The simulated instant now, epoch milliseconds; the start before {@link #begin()}; unpaced: not defined. */
    public long nowMillis() {
        if (!begun) {
            return startMillis;
        }
        if (unpaced()) {
            throw new IllegalStateException("an unpaced clock has no present");
        }
        double elapsedMillis = (nanoTime.getAsLong() - wallStartNanos) / 1e6 * speed;
        return startMillis + (long) Math.floor(elapsedMillis);
    }

    /** Wall nanoseconds until simulated time reaches {@code simMillis}: 0 when already there or unpaced. */
    public long nanosUntil(long simMillis) {
        if (unpaced() || !begun) {
            return 0;
        }
        double dueNanos = wallStartNanos + (simMillis - startMillis) * 1e6 / speed;
        double remaining = dueNanos - nanoTime.getAsLong();
        return remaining <= 0 ? 0 : (long) Math.ceil(remaining);
    }
}

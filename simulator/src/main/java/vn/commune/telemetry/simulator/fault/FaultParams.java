package vn.commune.telemetry.simulator.fault;

import java.time.Duration;

/**
 * The settings of a fault that has some; absent ones take the defaults listed here.
 *
 * @param skew  {@link FaultType#CLOCK_SKEW}: how far the clock is off (negative: behind); for a random rate the
 *              largest offset, drawn in {@code [-skew, +skew]}; default 10 minutes ahead
 * @param horns {@link FaultType#HORN_FAILURE}: how many horns fail; default 1
 * @param rate  {@link FaultType#MALFORMED}: probability that a status is followed by a malformed message; default 0.5
 * @param down  {@link FaultType#LINK_FLAP}: how long the link stays down each time; default 30 s to 5 min
 * @param up    {@link FaultType#LINK_FLAP}: how long it stays up in between; default 1 to 10 min
 */
public record FaultParams(Duration skew, Integer horns, Double rate, DurationRange down, DurationRange up) {

    /** Default clock skew. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(10);
    /** Default link-down time range of a flapping link. */
    public static final DurationRange DEFAULT_DOWN = DurationRange.of("PT30S", "PT5M");
    /** Default link-up time range of a flapping link. */
    public static final DurationRange DEFAULT_UP = DurationRange.of("PT1M", "PT10M");

    private static final FaultParams NONE = new FaultParams(null, null, null, null, null);

    /** Checks the values that are given. */
    public FaultParams {
        if (horns != null && (horns < 1 || horns > 64)) {
            throw new IllegalArgumentException("horns must be 1 to 64, got " + horns);
        }
        if (rate != null && !(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1, got " + rate);
        }
    }

    /** No setting given: every default. */
    public static FaultParams defaults() {
        return NONE;
    }

    /** The clock offset. */
    public Duration skewOrDefault() {
        return skew != null ? skew : DEFAULT_SKEW;
    }

    /** The number of failed horns. */
    public int hornsOrDefault() {
        return horns != null ? horns : 1;
    }

    /** The malformed-message probability. */
    public double rateOrDefault() {
        return rate != null ? rate : 0.5;
    }

    /** The link-down time range. */
    public DurationRange downOrDefault() {
        return down != null ? down : DEFAULT_DOWN;
    }

    /** The link-up time range. */
    public DurationRange upOrDefault() {
        return up != null ? up : DEFAULT_UP;
    }
}

package vn.commune.telemetry.simulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A range of durations, drawn uniformly.
 *
 * @param min the shortest, not negative
 * @param max the longest, at least {@code min}
 */
public record DurationRange(Duration min, Duration max) {

    /** Checks the bounds. */
    public DurationRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("duration range must have 0 <= min <= max, got [" + min + ", " + max
                    + "]");
        }
    }

    /** A range from the two ISO-8601 durations. */
    public static DurationRange of(String min, String max) {
        return new DurationRange(Duration.parse(min), Duration.parse(max));
    }
}

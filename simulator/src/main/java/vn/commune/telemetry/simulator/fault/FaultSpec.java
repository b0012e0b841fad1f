package vn.commune.telemetry.simulator.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One fault to inject at a given time.
 *
 * @param type     what fault
 * @param target   what it hits
 * @param offset   when it starts, after the run's start; null when {@code at} is given
 * @param at       when it starts, as an instant; null when {@code offset} is given
 * @param duration how long it lasts, above 0
 * @param params   its settings; null for the defaults
 */
public record FaultSpec(FaultType type, FaultTarget target, Duration offset, Instant at, Duration duration,
        FaultParams params) {

    /** Checks the structure: a type, a target, exactly one start, a positive duration. */
    public FaultSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        if ((offset == null) == (at == null)) {
            throw new IllegalArgumentException("a fault needs exactly one of offset and at");
        }
        if (offset != null && offset.isNegative()) {
            throw new IllegalArgumentException("fault offset must not be negative, got " + offset);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("fault duration must be above 0, got " + duration);
        }
        params = params == null ? FaultParams.defaults() : params;
    }

    /** A fault starting {@code offset} after the run's start, with default settings. */
    public static FaultSpec after(Duration offset, FaultType type, FaultTarget target, Duration duration) {
        return new FaultSpec(type, target, offset, null, duration, null);
    }

    /** This fault with other settings. */
    public FaultSpec with(FaultParams newParams) {
        return new FaultSpec(type, target, offset, at, duration, newParams);
    }

    /** The start in epoch milliseconds for a run starting at {@code startMillis}. */
    public long startMillis(long startMillis) {
        return offset != null ? startMillis + offset.toMillis() : at.toEpochMilli();
    }
}

package vn.commune.telemetry.simulator.fault;

import java.util.Objects;

/**
 * Faults of one type that happen at random: each target has on average {@code perDay} of them per simulated day, each
 * lasting a duration drawn from {@code duration}. The targets follow from the type: villages for power cuts, communes
 * for commune outages, loudspeakers for amplifier and horn failures and other programmes, cameras for tamper and
 * recording failures, every device otherwise.
 *
 * @param type     what fault
 * @param perDay   mean count per target and simulated day, 0 or more
 * @param duration how long each lasts
 * @param params   settings (for clock skew, the largest offset); null for the defaults
 */
public record FaultRate(FaultType type, double perDay, DurationRange duration, FaultParams params) {

    /** Checks the values. */
    public FaultRate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(duration, "duration");
        if (!(perDay >= 0) || Double.isInfinite(perDay)) {
            throw new IllegalArgumentException("per_day must be 0 or more, got " + perDay);
        }
        if (duration.max().isZero()) {
            throw new IllegalArgumentException("fault duration must be above 0");
        }
        params = params == null ? FaultParams.defaults() : params;
    }

    /** This rate multiplied by {@code factor}. */
    public FaultRate times(double factor) {
        return new FaultRate(type, perDay * factor, duration, params);
    }
}

package vn.commune.telemetry.simulator.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import vn.commune.telemetry.simulator.ConnectionMode;

/** Converters of option values, with messages that say what was expected. */
final class Converters {

    private Converters() {
    }

    /** ISO-8601 durations ({@code PT2H}, {@code P7D}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration such as PT2H or P7D");
            }
        }
    }

    /** ISO-8601 instants ({@code 2026-11-25T00:00:00Z}). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not an instant such as 2026-11-25T00:00:00Z");
            }
        }
    }

    /** A positive number, or {@code max} for unlimited. */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equals("max")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                double number = Double.parseDouble(value);
                if (number > 0 && Double.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a positive number or max");
            }
            throw new TypeConversionException("'" + value + "' is not a positive number or max");
        }
    }

    /** {@code auto}, {@code per-device}, {@code pooled} or {@code pooled:K}. */
    static final class ConnectionModeConverter implements ITypeConverter<ConnectionMode> {
        @Override
        public ConnectionMode convert(String value) {
            try {
                return ConnectionMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

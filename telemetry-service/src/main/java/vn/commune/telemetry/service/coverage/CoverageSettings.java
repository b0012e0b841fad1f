package vn.commune.telemetry.service.coverage;

/**
 * Thresholds of the signal classes, on the median RSRP a village's devices report (dBm): good at or above
 * {@code good}, fair at or above {@code fair}, poor at or above {@code poor}, none below or without reports.
 *
 * @param good lowest good median, default −90
 * @param fair lowest fair median, default −105
 * @param poor lowest poor median, default −120
 */
public record CoverageSettings(int good, int fair, int poor) {

    /** Checks the order. */
    public CoverageSettings {
        if (!(good > fair && fair > poor)) {
            throw new IllegalArgumentException("RSRP thresholds must fall: good > fair > poor, got " + good + ", "
                    + fair + ", " + poor);
        }
    }

    /** The defaults. */
    public static CoverageSettings defaults() {
        return new CoverageSettings(-90, -105, -120);
    }

    /** The class of a median (null: no report). */
    public SignalClass classify(Double medianDbm) {
        if (medianDbm == null) {
            return SignalClass.NONE;
        }
        if (medianDbm >= good) {
            return SignalClass.GOOD;
        }
        if (medianDbm >= fair) {
            return SignalClass.FAIR;
        }
        return medianDbm >= poor ? SignalClass.POOR : SignalClass.NONE;
    }
}

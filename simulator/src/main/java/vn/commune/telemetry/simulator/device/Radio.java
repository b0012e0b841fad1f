package vn.commune.telemetry.simulator.device;

import java.util.SplittableRandom;
import vn.commune.telemetry.simulator.fleet.Seeds;

/**
 * The 4G signal a device measures: a mean RSRP for its place (some villages in valleys have poor signal) plus noise
 * on every report; RSSI follows RSRP about 27 dB higher (10 MHz carrier).
 */
public final class Radio {

    /** Share of villages with poor signal. */
    public static final double POOR_SHARE = 0.15;

    private final double meanRsrp;

    /** A radio whose mean RSRP is {@code meanRsrp} dBm. */
    public Radio(double meanRsrp) {
        this.meanRsrp = meanRsrp;
    }

    /** The mean RSRP of a place, drawn from its own stream: poor (−122 to −110 dBm) or fair to good. */
    public static double placeRsrp(SplittableRandom placeRandom, boolean communeCentre) {
        if (communeCentre) {
            return Seeds.uniform(placeRandom, -95, -75);
        }
        return placeRandom.nextDouble() < POOR_SHARE
                ? Seeds.uniform(placeRandom, -122, -110)
                : Seeds.uniform(placeRandom, -104, -80);
    }

    /** The mean RSRP, dBm. */
    public double meanRsrp() {
        return meanRsrp;
    }

    /** One RSRP reading, dBm. */
    public int rsrp(SplittableRandom random) {
        return (int) Math.round(clamp(Seeds.gaussian(random, meanRsrp, 2.5), -140, -44));
    }

    /** The RSSI that goes with an RSRP reading, dBm. */
    public static int rssi(int rsrp, SplittableRandom random) {
        return (int) Math.round(clamp(rsrp + 27 + Seeds.gaussian(random, 0, 1.5), -120, -25));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}

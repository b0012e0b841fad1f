package vn.commune.telemetry.service.coverage;

import java.util.Locale;

/** How well a village is served by 4G, from the median RSRP its devices report. */
public enum SignalClass {
    GOOD, FAIR, POOR, NONE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in the API. */
    public String wireName() {
        return wireName;
    }
}

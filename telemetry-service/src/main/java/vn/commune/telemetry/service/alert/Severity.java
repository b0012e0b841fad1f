package vn.commune.telemetry.service.alert;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is. */
public enum Severity {
    /** Worth knowing; no one needs to drive out. */
    INFO,
    /** Needs attention soon. */
    WARNING,
    /** Broadcasts or connectivity are down now. */
    CRITICAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in the rules file and the API. */
    public String wireName() {
        return wireName;
    }

    /** The severity with this name. */
    public static Optional<Severity> fromWire(String name) {
        for (Severity severity : values()) {
            if (severity.wireName.equals(name)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}

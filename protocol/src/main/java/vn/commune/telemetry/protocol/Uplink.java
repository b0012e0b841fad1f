package vn.commune.telemetry.protocol;

import java.util.Optional;

/** The uplink a commune gateway currently uses to reach the district (gateway status field {@code uplink}). */
public enum Uplink {
    /** Mobile 4G. */
    FOUR_G("4g"),
    /** Optical fibre. */
    FIBER("fiber"),
    /** ADSL over copper. */
    ADSL("adsl");

    private final String wireName;

    Uplink(String wireName) {
        this.wireName = wireName;
    }

    /** The value used on the wire ({@code 4g}, {@code fiber}, {@code adsl}). */
    public String wireName() {
        return wireName;
    }

    /** The uplink with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<Uplink> fromWire(String name) {
        for (Uplink uplink : values()) {
            if (uplink.wireName.equals(name)) {
                return Optional.of(uplink);
            }
        }
        return Optional.empty();
    }
}

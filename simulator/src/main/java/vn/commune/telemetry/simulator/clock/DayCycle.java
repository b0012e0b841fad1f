package vn.commune.telemetry.simulator.clock;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Local time of day in the fleet's time zone (Vietnam, UTC+7 all year), for the daily cycles of temperature, Wi-Fi
 * use, solar charging and camera scenes.
 */
public final class DayCycle {

    /** The zone the fleet lives in. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final long DAY_MILLIS = 86_400_000L;
    private static final long OFFSET_MILLIS =
            ZONE.getRules().getOffset(Instant.parse("2025-01-01T00:00:00Z")).getTotalSeconds() * 1000L;

    private DayCycle() {
    }

    /** The local hour of day, 0 (inclusive) to 24 (exclusive), with fractions. */
    public static double hour(long epochMillis) {
        long local = Math.floorMod(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
        return local / 3_600_000.0;
    }

    /** The offset of the zone, for documentation and tests. */
    public static ZoneOffset offset() {
        return ZoneOffset.ofTotalSeconds((int) (OFFSET_MILLIS / 1000));
    }

    /** A smooth daily wave: 1 at {@code peakHour}, -1 twelve hours away. */
    public static double wave(long epochMillis, double peakHour) {
        return Math.cos(2 * Math.PI * (hour(epochMillis) - peakHour) / 24.0);
    }
}

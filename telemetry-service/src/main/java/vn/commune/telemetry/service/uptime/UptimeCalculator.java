package vn.commune.telemetry.service.uptime;

import java.util.List;
import vn.commune.telemetry.service.state.DeviceState;

/** Uptime figures from a timeline: pure arithmetic, exact to the millisecond. */
public final class UptimeCalculator {

    private UptimeCalculator() {
    }

    /**
     * The figures of one device's segments (as {@link StateTimeline#build} gives them). Adjacent offline segments
     * with different causes are one outage; anything else between two offline stretches separates them.
     */
    public static UptimeFigures figures(List<Segment> segments) {
        long online = 0;
        long offline = 0;
        long unknown = 0;
        long maintenance = 0;
        long outages = 0;
        long longestFrom = 0;
        long longestTo = 0;
        long outageFrom = -1;
        long outageTo = -1;
        for (Segment segment : segments) {
            DeviceState state = segment.state();
            switch (state) {
                case ONLINE -> online += segment.millis();
                case OFFLINE -> offline += segment.millis();
                case UNKNOWN -> unknown += segment.millis();
                case MAINTENANCE -> maintenance += segment.millis();
                default -> throw new IllegalStateException(state.name());
            }
            if (state == DeviceState.OFFLINE) {
                if (outageTo == segment.from()) {
                    outageTo = segment.to();
                } else {
                    outages++;
                    outageFrom = segment.from();
                    outageTo = segment.to();
                }
                if (outageTo - outageFrom > longestTo - longestFrom) {
                    longestFrom = outageFrom;
                    longestTo = outageTo;
                }
            } else {
                outageTo = -1;
            }
        }
        return new UptimeFigures(online, offline, unknown, maintenance, outages, longestFrom, longestTo);
    }

    /** The sum of many figures. */
    public static UptimeFigures sum(Iterable<UptimeFigures> all) {
        UptimeFigures total = UptimeFigures.ZERO;
        for (UptimeFigures figures : all) {
            total = total.plus(figures);
        }
        return total;
    }
}

package vn.commune.telemetry.service.uptime;

/**
 * Time in each state over a period and the outages in it. Uptime is online / (online + offline): unknown and
 * maintenance time is reported beside it and counted as neither.
 *
 * @param onlineMs        time online
 * @param offlineMs       time offline
 * @param unknownMs       time unknown
 * @param maintenanceMs   time in maintenance
 * @param outages         outages (maximal offline stretches) within the period, cut to it
 * @param longestFrom     start of the longest outage (cut to the period), or 0 without outages
 * @param longestTo       its end (exclusive, cut to the period)
 */
public record UptimeFigures(long onlineMs, long offlineMs, long unknownMs, long maintenanceMs, long outages,
        long longestFrom, long longestTo) {

    /** Nothing. */
    public static final UptimeFigures ZERO = new UptimeFigures(0, 0, 0, 0, 0, 0, 0);

    /** Online / (online + offline) in percent; null when the device was neither. */
    public Double uptimePercent() {
        long known = onlineMs + offlineMs;
        return known == 0 ? null : 100.0 * onlineMs / known;
    }

    /** Mean time to repair: offline time per outage; null without outages. */
    public Long mttrMs() {
        return outages == 0 ? null : offlineMs / outages;
    }

    /** Mean time between failures: online time per outage; null without outages. */
    public Long mtbfMs() {
        return outages == 0 ? null : onlineMs / outages;
    }

    /** Length of the longest outage. */
    public long longestMs() {
        return longestTo - longestFrom;
    }

    /** Total time covered. */
    public long totalMs() {
        return onlineMs + offlineMs + unknownMs + maintenanceMs;
    }

    /**
     * The sum of two devices' (or places') figures; the longest outage is the longer one, and of two equally long the
     * one that began first (so the answer does not depend on the order devices are summed in).
     */
    public UptimeFigures plus(UptimeFigures other) {
        boolean theirs = other.longestMs() > longestMs()
                || other.longestMs() == longestMs() && other.longestMs() > 0 && other.longestFrom < longestFrom;
        return new UptimeFigures(onlineMs + other.onlineMs, offlineMs + other.offlineMs,
                unknownMs + other.unknownMs, maintenanceMs + other.maintenanceMs, outages + other.outages,
                theirs ? other.longestFrom : longestFrom, theirs ? other.longestTo : longestTo);
    }
}

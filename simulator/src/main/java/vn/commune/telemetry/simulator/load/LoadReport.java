package vn.commune.telemetry.simulator.load;

import java.time.Duration;
import java.util.Locale;

/**
 * What a load run achieved.
 *
 * @param devices           devices that sent
 * @param connections       connections used
 * @param targetRate        messages per second asked for (infinite: as fast as possible)
 * @param sent              statuses published
 * @param acknowledged      of them, acknowledged by the broker
 * @param failed            of them, failed
 * @param measured          wall time from the first status to the last acknowledgement
 * @param achievedRate      acknowledged statuses per second over {@code measured}
 * @param peakHeapBytes     largest heap in use seen (garbage included)
 * @param liveHeapBytes     heap kept at the end (after a full garbage collection): devices, inventory, connections
 * @param peakRssBytes      largest resident set seen, or -1
 * @param averageCpuPercent CPU over {@code measured}, percent of one core
 * @param connectTime       how long connecting the devices took
 */
public record LoadReport(int devices, int connections, double targetRate, long sent, long acknowledged, long failed,
        Duration measured, double achievedRate, long peakHeapBytes, long liveHeapBytes, long peakRssBytes,
        double averageCpuPercent,
        Duration connectTime) {

    /** One line for people. */
    public String summary() {
        return String.format(Locale.ROOT, "load: %,d devices over %,d connections, target %s msg/s, achieved %,.0f "
                        + "msg/s (%,d acknowledged, %,d failed in %.1f s); heap peak %,d MiB, live %,d MiB; peak "
                        + "RSS %,d MiB; CPU %.0f%% of one core; connecting took %.1f s",
                devices, connections, Double.isInfinite(targetRate) ? "max" : String.format(Locale.ROOT, "%,.0f",
                        targetRate), achievedRate, acknowledged, failed, measured.toMillis() / 1000.0,
                peakHeapBytes >> 20, liveHeapBytes >> 20,
                peakRssBytes < 0 ? -1 : peakRssBytes >> 20, averageCpuPercent,
                connectTime.toMillis() / 1000.0);
    }
}

package vn.commune.telemetry.service.broadcast;

import java.time.Duration;

/**
 * Settings of broadcast schedules.
 *
 * @param emergencyMax the longest an emergency may last ({@code broadcast.emergency-max})
 * @param missBelow    the share of a slot a loudspeaker must play, or the slot is missed ({@code broadcast.miss-below})
 * @param sampleSchedules whether communes without a schedule get the sample one ({@code broadcast.sample-schedules};
 *                        demos and pilots)
 */
public record BroadcastSettings(Duration emergencyMax, double missBelow, boolean sampleSchedules) {
}

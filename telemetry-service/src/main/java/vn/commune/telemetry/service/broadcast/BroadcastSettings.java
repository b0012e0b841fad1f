package vn.commune.telemetry.service.broadcast;

import java.time.Duration;

/**
 * Settings of broadcast schedules.
 *
 * @param emergencyMax the longest an emergency may last ({@code broadcast.emergency-max})
 * @param missBelow    the share of a slot a loudspeaker must play, or the slot is missed ({@code broadcast.miss-below})
 * @param sampleSchedules whether communes without a schedule get the sample one ({@code broadcast.sample-schedules};
 *                        demos and pilots)
 * @param sampleBack      how long before start-up the samples are in force from ({@code broadcast.sample-back}; zero:
 *                        from start-up; tests that simulate a past week set more)
 */
public record BroadcastSettings(Duration emergencyMax, double missBelow, boolean sampleSchedules,
        Duration sampleBack) {
}

package vn.commune.telemetry.service.broadcast;

import java.time.Duration;

/**
 * Settings of broadcast schedules.
 *
 * @param emergencyMax the longest an emergency may last ({@code broadcast.emergency-max})
 */
public record BroadcastSettings(Duration emergencyMax) {
}

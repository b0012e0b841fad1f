package vn.commune.telemetry.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.commune.telemetry.simulator.truth.DeviceTruth;

/**
 * What a run did.
 *
 * @param messagesSent     messages the devices published (duplicates and malformed ones included; Wills, which the
 *                         broker publishes, not included)
 * @param malformedSent    malformed or hostile messages among them
 * @param truth            what really happened, by device id in inventory order
 * @param wallTime         how long the run took on the wall clock (connecting included)
 * @param start            simulated start
 * @param end              simulated end
 * @param statusesSent     statuses
 * @param eventsSent       events
 * @param statesSent       state messages with a timestamp
 * @param duplicatesSent   extra copies from duplicate faults
 * @param acknowledged     messages the broker acknowledged
 * @param publishFailures  messages whose publication failed
 * @param undeliverable    messages dropped because a device could not reconnect
 * @param schedulesApplied commune schedules applied
 * @param connections      the connection mode used ({@code per-device} or {@code pooled:K})
 * @param backlogged       messages that waited for a commune's uplink (uplink cuts) and arrived late
 */
public record SimulationReport(long messagesSent, long malformedSent, Map<String, DeviceTruth> truth,
        Duration wallTime, Instant start, Instant end, long statusesSent, long eventsSent, long statesSent,
        long duplicatesSent, long acknowledged, long publishFailures, long undeliverable, long schedulesApplied,
        String connections, long backlogged) {

    /** Copies the map. */
    public SimulationReport {
        truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth));
    }

    /** Simulated time covered. */
    public Duration simulated() {
        return Duration.between(start, end);
    }
}

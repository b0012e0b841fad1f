package vn.commune.telemetry.simulator.engine;

import java.util.Map;
import vn.commune.telemetry.simulator.truth.DeviceTruth;

/**
 * What the simulation thread did.
 *
 * @param endMillis        simulated end
 * @param messages         messages published (duplicates and malformed included)
 * @param statuses         statuses
 * @param events           events
 * @param states           state messages (Wills not included: the broker publishes those)
 * @param duplicates       extra copies published by duplicate faults
 * @param malformed        malformed or hostile messages
 * @param schedulesApplied schedules applied
 * @param schedulesRefused schedules refused
 * @param truth            per device
 * @param backlogged       messages that waited for a commune's uplink (delivered late)
 */
public record EngineResult(long endMillis, long messages, long statuses, long events, long states, long duplicates,
        long malformed, long schedulesApplied, long schedulesRefused, Map<String, DeviceTruth> truth,
        long backlogged) {
}

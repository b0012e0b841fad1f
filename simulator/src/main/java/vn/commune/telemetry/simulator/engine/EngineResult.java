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
 */
public record EngineResult(long endMillis, long messages, long statuses, long events, long states, long duplicates,
        long malformed, long schedulesApplied, long schedulesRefused, Map<String, DeviceTruth> truth) {
}

package vn.commune.telemetry.service.ingest;

import java.time.Duration;

/**
 * What the ingest path accepts.
 *
 * @param maxAge          oldest accepted {@code ts}, relative to now (gateway backlogs)
 * @param maxAhead        newest accepted {@code ts}, relative to now (device clock skew)
 * @param unregisteredMax how many unregistered device ids are remembered for staff to register
 */
public record IngestSettings(Duration maxAge, Duration maxAhead, int unregisteredMax) {
}

package vn.commune.telemetry.gateway.spool;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the on-disk log.
 *
 * @param dir           folder of the segments (created when absent)
 * @param maxBytes      bound of the messages waiting in the log, in bytes on disk; when reached, the oldest statuses
 *                      are dropped first, never states or events
 * @param segmentBytes  size at which a new segment file is started
 * @param dedupeWindow  how long after a start a message identical to one found in the log is taken for the local
 *                      broker's redelivery of it (acknowledged, counted as a duplicate, not stored again)
 */
public record SpoolSettings(Path dir, long maxBytes, long segmentBytes, Duration dedupeWindow) {

    public SpoolSettings {
        if (maxBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 65536");
        }
        if (segmentBytes < 4096 || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("segmentBytes must be between 4096 and maxBytes");
        }
    }
}

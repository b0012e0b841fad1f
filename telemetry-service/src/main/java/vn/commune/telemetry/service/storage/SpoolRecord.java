package vn.commune.telemetry.service.storage;

import java.util.List;

/**
 * A batch read back from the spool, oldest first. {@link DiskSpool#ack(SpoolRecord)} it once it is written.
 *
 * @param segment sequence number of its segment file
 * @param start offset of the record in the segment
 * @param end offset of the next record
 * @param receivedAt epoch milliseconds when the batch was received
 * @param lines the batch's points
 */
record SpoolRecord(long segment, long start, long end, long receivedAt, List<String> lines) {
}

package vn.commune.telemetry.gateway.spool;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a segment's bytes after a crash. A record whose checksum fails is skipped and counted as
 * corrupt, and reading goes on at the next record that checks out; a last record cut short (or bytes after the last
 * good record that hold no record) is a torn tail, to be cut off. Nothing found here ever stops the log.
 */
final class SegmentScanner {

    /** A record found, with its frame's place in the file. */
    record Found(SpoolRecord record, long offset, int frameLength) {
    }

    /**
     * What a segment holds.
     *
     * @param records    the good records, in file order
     * @param corrupt    corrupt regions skipped (one per damaged record)
     * @param tornAt     where the torn tail starts (the file is to be cut there), or -1 when there is none
     * @param validBytes bytes to keep
     */
    record Result(List<Found> records, int corrupt, long tornAt, long validBytes) {
    }

    private SegmentScanner() {
    }

    static Result scan(byte[] bytes) {
        List<Found> found = new ArrayList<>();
        int corrupt = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int length = frameAt(bytes, pos);
            if (length > 0) {
                found.add(new Found(decode(bytes, pos), pos, length));
                pos += length;
                continue;
            }
            int next = resync(bytes, pos);
            if (next < 0) {
                return new Result(found, corrupt, pos, pos);
            }
            corrupt++;
            pos = next;
        }
        return new Result(found, corrupt, -1, bytes.length);
    }

    /** The frame length of a good record at {@code pos}, or -1. */
    private static int frameAt(byte[] bytes, int pos) {
        if (bytes.length - pos < SpoolRecord.HEADER) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, pos, SpoolRecord.HEADER);
        int bodyLength = header.getInt();
        int crc = header.getInt();
        if (bodyLength < SpoolRecord.BODY_FIXED || bodyLength > SpoolRecord.MAX_BODY
                || (long) pos + SpoolRecord.HEADER + bodyLength > bytes.length) {
            return -1;
        }
        int body = pos + SpoolRecord.HEADER;
        int qos = bytes[body + 16];
        int retain = bytes[body + 17];
        int topicLength = ((bytes[body + 18] & 0xff) << 8) | (bytes[body + 19] & 0xff);
        if (qos < 0 || qos > 2 || retain < 0 || retain > 1 || topicLength > bodyLength - SpoolRecord.BODY_FIXED) {
            return -1;
        }
        java.util.zip.CRC32C checksum = new java.util.zip.CRC32C();
        checksum.update(bytes, body, bodyLength);
        if ((int) checksum.getValue() != crc) {
            return -1;
        }
        return SpoolRecord.HEADER + bodyLength;
    }

    private static SpoolRecord decode(byte[] bytes, int pos) {
        int bodyLength = ByteBuffer.wrap(bytes, pos, 4).getInt();
        byte[] body = new byte[bodyLength];
        System.arraycopy(bytes, pos + SpoolRecord.HEADER, body, 0, bodyLength);
        return SpoolRecord.decodeBody(body, bodyLength);
    }

    /**
     * Where the next good record after a bad one at {@code pos} starts: first where the bad record's own length says
     * (its body was damaged, its header not), else the first offset where a good record starts; -1 when none does.
     */
    private static int resync(byte[] bytes, int pos) {
        if (bytes.length - pos >= SpoolRecord.HEADER) {
            int claimed = ByteBuffer.wrap(bytes, pos, 4).getInt();
            long next = (long) pos + SpoolRecord.HEADER + claimed;
            if (claimed >= SpoolRecord.BODY_FIXED && next < bytes.length && frameAt(bytes, (int) next) > 0) {
                return (int) next;
            }
        }
        for (int candidate = pos + 1; candidate + SpoolRecord.HEADER <= bytes.length; candidate++) {
            if (frameAt(bytes, candidate) > 0) {
                return candidate;
            }
        }
        return -1;
    }
}

package vn.commune.telemetry.service.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bytes of the spool. A segment file starts with {@code "CTSP"} and a format version (4 bytes each), then holds
 * records, each framed as payload length (int), CRC32 of the payload (int), payload. A payload is the batch's receipt
 * time (long, epoch ms) followed by its lines in UTF-8, separated by {@code '\n'}. All numbers big-endian.
 */
final class SpoolFormat {

    static final int MAGIC = 0x43545350;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_BYTES = 8;
    static final int MAX_RECORD_BYTES = 512 << 20;

    /** A record read back: its payload and where the next record starts, or why it could not be read. */
    record Read(byte[] payload, long end, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /** A decoded payload. */
    record Payload(long receivedAt, List<String> lines) {
    }

    private SpoolFormat() {
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static byte[] encodePayload(long receivedAt, List<String> lines) {
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + text.length).putLong(receivedAt).put(text).array();
    }

    static Payload decodePayload(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long receivedAt = buffer.getLong();
        String text = new String(payload, Long.BYTES, payload.length - Long.BYTES, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i > start) {
                    lines.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return new Payload(receivedAt, lines);
    }

    /** The record as written to disk: length, CRC32, payload. */
    static byte[] frame(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(FRAME_BYTES + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    /** Whether a segment file starts with the spool's header. */
    static boolean hasHeader(FileChannel channel) throws IOException {
        if (channel.size() < HEADER_BYTES) {
            return false;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, header, 0);
        return header.getInt(0) == MAGIC && header.getInt(4) == VERSION;
    }

    /** Reads and checks the record at {@code position}; records end at {@code limit} at the latest. */
    static Read readRecord(FileChannel channel, long position, long limit) throws IOException {
        if (limit - position < FRAME_BYTES) {
            return new Read(null, position, "torn record header (" + (limit - position) + " bytes)");
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES);
        readFully(channel, frame, position);
        int length = frame.getInt(0);
        int expectedCrc = frame.getInt(4);
        if (length <= 0 || length > MAX_RECORD_BYTES || position + FRAME_BYTES + length > limit) {
            return new Read(null, position, "torn or corrupt record (length " + length + ", "
                    + (limit - position - FRAME_BYTES) + " bytes left)");
        }
        byte[] payload = new byte[length];
        readFully(channel, ByteBuffer.wrap(payload), position + FRAME_BYTES);
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != expectedCrc || length < Long.BYTES) {
            return new Read(null, position, "record fails its CRC32 check");
        }
        return new Read(payload, position + FRAME_BYTES + length, null);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("unexpected end of spool file at " + at);
            }
            at += read;
        }
    }
}

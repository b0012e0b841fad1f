package vn.commune.telemetry.gateway.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One message as the log stores it. On disk: {@code int length, int crc32c, body}, where the CRC32C covers the body
 * and the body is {@code long seq, long arrivedMillis, byte qos, byte retain, short topicLength, topic (UTF-8),
 * payload}. Big-endian.
 *
 * @param seq           position in the log, increasing by one per appended message
 * @param arrivedMillis when the gateway received it (the payload's own {@code ts} is never touched)
 */
public record SpoolRecord(long seq, long arrivedMillis, int qos, boolean retain, String topic, byte[] payload) {

    /** Bytes of the frame header (length and checksum). */
    public static final int HEADER = 8;

    /** Bytes of the body before the topic. */
    static final int BODY_FIXED = 8 + 8 + 1 + 1 + 2;

    /** Largest body accepted when reading back (a payload of 16 KiB is the protocol limit; this leaves room). */
    public static final int MAX_BODY = 1024 * 1024;

    /** The whole frame, header included. */
    public ByteBuffer encode() {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        if (topicBytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topic longer than " + Short.MAX_VALUE + " bytes");
        }
        int bodyLength = BODY_FIXED + topicBytes.length + payload.length;
        if (bodyLength > MAX_BODY) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes is larger than the log allows");
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + bodyLength);
        frame.position(HEADER);
        frame.putLong(seq).putLong(arrivedMillis).put((byte) qos).put((byte) (retain ? 1 : 0))
                .putShort((short) topicBytes.length).put(topicBytes).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), HEADER, bodyLength);
        frame.putInt(0, bodyLength).putInt(4, (int) crc.getValue());
        frame.position(0);
        return frame;
    }

    /** Size of the frame on disk. */
    public int frameLength() {
        return HEADER + BODY_FIXED + topic.getBytes(StandardCharsets.UTF_8).length + payload.length;
    }

    /** Whether {@code body[0, length)} matches the checksum. */
    static boolean checksumMatches(byte[] body, int length, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(body, 0, length);
        return (int) crc.getValue() == expected;
    }

    /** Decodes a body whose checksum matched; null when its structure is inconsistent. */
    static SpoolRecord decodeBody(byte[] body, int length) {
        if (length < BODY_FIXED) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(body, 0, length);
        long seq = in.getLong();
        long arrived = in.getLong();
        int qos = in.get();
        int retain = in.get();
        int topicLength = in.getShort();
        if (qos < 0 || qos > 2 || (retain != 0 && retain != 1) || topicLength < 0 || topicLength > in.remaining()) {
            return null;
        }
        String topic = new String(body, in.position(), topicLength, StandardCharsets.UTF_8);
        in.position(in.position() + topicLength);
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        return new SpoolRecord(seq, arrived, qos, retain == 1, topic, payload);
    }
}

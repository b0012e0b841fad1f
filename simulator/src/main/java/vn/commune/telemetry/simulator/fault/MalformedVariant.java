package vn.commune.telemetry.simulator.fault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.RejectReason;
import vn.commune.telemetry.protocol.Topics;

/**
 * The malformed and hostile messages a device may publish, each with the reason the service must refuse it for.
 * All but the last two are refused by {@code MessageCodec} itself; {@link #KIND_MISMATCH} and {@link
 * #UNKNOWN_DEVICE} are valid payloads that only the service's inventory check can refuse.
 */
public enum MalformedVariant {
    /** A status cut in the middle. */
    TRUNCATED_JSON(RejectReason.MALFORMED_JSON),
    /** A status with an invalid UTF-8 sequence in a string. */
    INVALID_UTF8(RejectReason.MALFORMED_JSON),
    /** A status with {@code ts} twice. */
    DUPLICATE_KEY(RejectReason.MALFORMED_JSON),
    /** An object nested 40 arrays deep. */
    DEEP_NESTING(RejectReason.MALFORMED_JSON),
    /** A JSON array instead of an object. */
    NOT_AN_OBJECT(RejectReason.MALFORMED_JSON),
    /** A status without {@code ts}. */
    MISSING_TS(RejectReason.MISSING_FIELD),
    /** A status of protocol version 2. */
    WRONG_VERSION(RejectReason.UNSUPPORTED_VERSION),
    /** {@code battery_pct} as a string. */
    WRONG_TYPE(RejectReason.WRONG_TYPE),
    /** {@code battery_pct} of 150. */
    OUT_OF_RANGE(RejectReason.OUT_OF_RANGE),
    /** A 20 KiB status (the limit is 16 KiB). */
    TOO_LARGE(RejectReason.TOO_LARGE),
    /** A status stamped 30 days before its time. */
    TS_TOO_OLD(RejectReason.TS_TOO_OLD),
    /** A status stamped 10 years after its time. */
    TS_IN_FUTURE(RejectReason.TS_IN_FUTURE),
    /** An event payload on the status topic. */
    TOPIC_MISMATCH(RejectReason.TOPIC_MISMATCH),
    /** A status on {@code tele/{id}/telemetry}, a channel that does not exist. */
    BAD_TOPIC(RejectReason.BAD_TOPIC),
    /** A valid status that claims another kind than the inventory's. */
    KIND_MISMATCH(RejectReason.KIND_MISMATCH),
    /** A valid status from a device id that is not in the inventory. */
    UNKNOWN_DEVICE(RejectReason.UNKNOWN_DEVICE);

    private static final long DAY_MILLIS = 86_400_000L;

    private final RejectReason expected;

    MalformedVariant(RejectReason expected) {
        this.expected = expected;
    }

    /** The reason the service refuses it for. */
    public RejectReason expected() {
        return expected;
    }

    /** Whether {@code MessageCodec} refuses it by itself (false: only the service's inventory check does). */
    public boolean refusedByCodec() {
        return this != KIND_MISMATCH && this != UNKNOWN_DEVICE;
    }

    /**
     * The message as the device publishes it.
     *
     * @param deviceId the publishing device
     * @param kind     its kind
     * @param ts       the timestamp it would write now
     */
    public Malformed build(String deviceId, DeviceKind kind, long ts) {
        String status = Topics.status(deviceId);
        String head = "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"" + kind.wireName() + "\"";
        return switch (this) {
            case TRUNCATED_JSON -> text(status, head + ",\"power\":\"ma");
            case INVALID_UTF8 -> bytes(status, concat(head + ",\"detail\":\"", new byte[] {(byte) 0xC3, 0x28},
                    "\"}"));
            case DUPLICATE_KEY -> text(status, head + ",\"ts\":" + ts + "}");
            case DEEP_NESTING -> text(status, head + ",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}");
            case NOT_AN_OBJECT -> text(status, "[1,\"" + kind.wireName() + "\"," + ts + "]");
            case MISSING_TS -> text(status, "{\"v\":1,\"kind\":\"" + kind.wireName() + "\"}");
            case WRONG_VERSION -> text(status, "{\"v\":2,\"ts\":" + ts + ",\"kind\":\"" + kind.wireName() + "\"}");
            case WRONG_TYPE -> text(status, head + ",\"battery_pct\":\"full\"}");
            case OUT_OF_RANGE -> text(status, head + ",\"battery_pct\":150}");
            case TOO_LARGE -> text(status, head + ",\"detail\":\"" + "x".repeat(20 * 1024) + "\"}");
            case TS_TOO_OLD -> text(status, "{\"v\":1,\"ts\":" + (ts - 30 * DAY_MILLIS) + ",\"kind\":\""
                    + kind.wireName() + "\"}");
            case TS_IN_FUTURE -> text(status, "{\"v\":1,\"ts\":" + (ts + 3650 * DAY_MILLIS) + ",\"kind\":\""
                    + kind.wireName() + "\"}");
            case TOPIC_MISMATCH -> text(status, "{\"v\":1,\"ts\":" + ts + ",\"type\":\"reboot\"}");
            case BAD_TOPIC -> text("tele/" + deviceId + "/telemetry", head + "}");
            case KIND_MISMATCH -> text(status, "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"" + otherKind(kind).wireName()
                    + "\"}");
            case UNKNOWN_DEVICE -> text(Topics.status(ghost(deviceId)), head + "}");
        };
    }

    private static DeviceKind otherKind(DeviceKind kind) {
        return kind == DeviceKind.CAMERA ? DeviceKind.WIFI : DeviceKind.CAMERA;
    }

    /** A device id derived from a real one that no inventory has. */
    private static String ghost(String deviceId) {
        return "ghost-" + Long.toHexString(deviceId.hashCode() & 0xffffffffL);
    }

    private static Malformed text(String topic, String payload) {
        return new Malformed(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Malformed bytes(String topic, byte[] payload) {
        return new Malformed(topic, payload);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * A malformed message.
     *
     * @param topic   where it is published
     * @param payload what is published
     */
    public record Malformed(String topic, byte[] payload) {
    }
}

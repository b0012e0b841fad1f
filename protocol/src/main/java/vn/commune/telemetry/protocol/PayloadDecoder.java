package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a parsed payload against the topic it came on and builds the message. Checks run in a fixed order and
 * the first failure wins: {@code v}, topic/payload mismatch, {@code ts}, the discriminator ({@code kind}, {@code
 * type}, {@code state}), then the other fields in wire order.
 */
final class PayloadDecoder {

    static final int MAX_STRING_LENGTH = MessageCodec.MAX_STRING_LENGTH;

    private static final String EVENT_TYPES =
            "power_lost, power_restored, broadcast_started, broadcast_ended, tamper, reboot";

    private final long maxAgeMillis;
    private final long maxAheadMillis;

    PayloadDecoder(long maxAgeMillis, long maxAheadMillis) {
        this.maxAgeMillis = maxAgeMillis;
        this.maxAheadMillis = maxAheadMillis;
    }

    Message decode(TopicParse.DeviceTopic topic, ObjectNode root, long nowMillis) {
        FieldReader fields = new FieldReader(root);
        checkVersion(fields);
        checkChannel(topic.channel(), fields);
        String deviceId = topic.deviceId();
        return switch (topic.channel()) {
            case STATUS -> StatusDecoder.decode(deviceId, requiredTs(fields, nowMillis), fields);
            case EVENT -> event(deviceId, requiredTs(fields, nowMillis), fields);
            case STATE -> state(deviceId, ts(fields, nowMillis), fields);
        };
    }

    private static void checkVersion(FieldReader fields) {
        JsonNode v = fields.node(WireFields.V);
        if (v == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "v: required (protocol version 1)");
        }
        if (!v.isIntegralNumber()) {
            throw FieldReader.wrongType(WireFields.V, "the integer 1", v);
        }
        if (!v.canConvertToLong() || v.longValue() != 1) {
            throw new Rejection(RejectReason.UNSUPPORTED_VERSION,
                    "v: version " + (v.canConvertToLong() ? Long.toString(v.longValue()) : "beyond 64 bits")
                            + " is not supported, only 1");
        }
    }

    /** Refuses a payload that is plainly of another channel: it lacks this channel's discriminator, has another's. */
    private static void checkChannel(Channel channel, FieldReader fields) {
        String own = discriminator(channel);
        if (fields.has(own)) {
            return;
        }
        for (Channel other : Channel.values()) {
            if (other != channel && fields.has(discriminator(other))) {
                throw new Rejection(RejectReason.TOPIC_MISMATCH, "payload has " + discriminator(other) + " but no "
                        + own + ": it looks like a " + other.wireName() + " message sent on the "
                        + channel.wireName() + " topic");
            }
        }
    }

    private static String discriminator(Channel channel) {
        return switch (channel) {
            case STATUS -> WireFields.KIND;
            case EVENT -> WireFields.TYPE;
            case STATE -> WireFields.STATE;
        };
    }

    private long requiredTs(FieldReader fields, long nowMillis) {
        Long ts = ts(fields, nowMillis);
        if (ts == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "ts: required (epoch milliseconds)");
        }
        return ts;
    }

    /** {@code ts} within [now - maxAge, now + maxAhead], or null when absent. */
    private Long ts(FieldReader fields, long nowMillis) {
        JsonNode node = fields.node(WireFields.TS);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw FieldReader.wrongType(WireFields.TS, "an integer (epoch milliseconds)", node);
        }
        if (!node.canConvertToLong()) {
            boolean future = node.bigIntegerValue().signum() > 0;
            throw new Rejection(future ? RejectReason.TS_IN_FUTURE : RejectReason.TS_TOO_OLD,
                    "ts: beyond the 64-bit range");
        }
        long ts = node.longValue();
        long oldest = saturatedAdd(nowMillis, -maxAgeMillis);
        long newest = saturatedAdd(nowMillis, maxAheadMillis);
        if (ts < oldest) {
            throw new Rejection(RejectReason.TS_TOO_OLD, "ts: " + ts + " is " + distance(nowMillis, ts)
                    + " before the receiver's clock, more than the " + Details.duration(maxAgeMillis) + " accepted");
        }
        if (ts > newest) {
            throw new Rejection(RejectReason.TS_IN_FUTURE, "ts: " + ts + " is " + distance(ts, nowMillis)
                    + " after the receiver's clock, more than the " + Details.duration(maxAheadMillis) + " accepted");
        }
        return ts;
    }

    private static String distance(long later, long earlier) {
        long difference = later - earlier;
        boolean overflow = ((later ^ earlier) & (later ^ difference)) < 0;
        return overflow ? "far" : Details.duration(difference);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    private static EventMessage event(String deviceId, long ts, FieldReader fields) {
        EventType type = fields.choice(WireFields.TYPE, EventType::fromWire, EVENT_TYPES, RejectReason.OUT_OF_RANGE);
        if (type == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "type: required on the event topic");
        }
        String program = fields.text(WireFields.PROGRAM, MAX_STRING_LENGTH);
        Integer batteryPct = fields.smallInteger(WireFields.BATTERY_PCT, 0, 100);
        String detail = fields.text(WireFields.DETAIL, MAX_STRING_LENGTH);
        return new EventMessage(deviceId, ts, type, program, batteryPct, detail);
    }

    private static StateMessage state(String deviceId, Long ts, FieldReader fields) {
        ConnectionState state = fields.choice(WireFields.STATE, ConnectionState::fromWire, "online, offline",
                RejectReason.OUT_OF_RANGE);
        if (state == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "state: required on the state topic");
        }
        return new StateMessage(deviceId, ts, state);
    }
}

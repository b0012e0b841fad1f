package vn.commune.telemetry.protocol;

/**
 * Validates a parsed payload against the topic it came on and builds the message. Checks run in a fixed order and
 * the first failure wins: {@code v}, {@code device} against the topic's device id, topic/payload mismatch, {@code ts},
 * the discriminator ({@code kind}, {@code type}, {@code state}), then the other fields in wire order.
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

    Message decode(TopicParse.DeviceTopic topic, PayloadFields payload, long nowMillis) {
        FieldReader fields = new FieldReader(payload);
        checkVersion(payload);
        String deviceId = topic.deviceId();
        checkIdentity(deviceId, payload);
        checkChannel(topic.channel(), fields);
        return switch (topic.channel()) {
            case STATUS -> StatusDecoder.decode(deviceId, requiredTs(fields, nowMillis), fields);
            case EVENT -> event(deviceId, requiredTs(fields, nowMillis), fields);
            case STATE -> state(deviceId, ts(payload, nowMillis), fields);
        };
    }

    private static void checkVersion(PayloadFields payload) {
        int v = payload.slot(WireFields.V);
        if (v < 0) {
            throw new Rejection(RejectReason.MISSING_FIELD, "v: required (protocol version 1)");
        }
        if (!payload.isIntegral(v)) {
            throw FieldReader.wrongType(WireFields.V, "the integer 1", payload, v);
        }
        boolean fits = payload.fitsLong(v);
        if (!fits || payload.longValue(v) != 1) {
            throw new Rejection(RejectReason.UNSUPPORTED_VERSION,
                    "v: version " + (fits ? Long.toString(payload.longValue(v)) : "beyond 64 bits")
                            + " is not supported, only 1");
        }
    }

    /** The optional {@code device} names the device the payload is from: it must be the topic's. */
    private static void checkIdentity(String deviceId, PayloadFields payload) {
        int device = payload.slot(WireFields.DEVICE);
        if (device < 0) {
            return;
        }
        if (!payload.isText(device)) {
            throw FieldReader.wrongType(WireFields.DEVICE, "a string (the topic's device id)", payload, device);
        }
        if (!payload.text(device).equals(deviceId)) {
            throw new Rejection(RejectReason.IDENTITY_MISMATCH, "device: " + Details.quote(payload.text(device))
                    + " is not the topic's device " + Details.quote(deviceId));
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
        Long ts = ts(fields.fields(), nowMillis);
        if (ts == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "ts: required (epoch milliseconds)");
        }
        return ts;
    }

    /** {@code ts} within [now - maxAge, now + maxAhead], or null when absent. */
    private Long ts(PayloadFields payload, long nowMillis) {
        int slot = payload.slot(WireFields.TS);
        if (slot < 0) {
            return null;
        }
        if (!payload.isIntegral(slot)) {
            throw FieldReader.wrongType(WireFields.TS, "an integer (epoch milliseconds)", payload, slot);
        }
        if (!payload.fitsLong(slot)) {
            boolean future = payload.signBeyondLong(slot) > 0;
            throw new Rejection(future ? RejectReason.TS_IN_FUTURE : RejectReason.TS_TOO_OLD,
                    "ts: beyond the 64-bit range");
        }
        long ts = payload.longValue(slot);
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

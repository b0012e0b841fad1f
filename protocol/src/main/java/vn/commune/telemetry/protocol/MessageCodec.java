package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * The JSON codec of wire protocol v1: decodes and validates what devices publish on {@code tele/{deviceId}/...},
 * and encodes messages canonically. Immutable and thread-safe; create one and share it.
 *
 * <p>{@link #decode} never throws: any topic and any bytes give an {@link DecodeResult.Accepted} or a {@link
 * DecodeResult.Rejected} with a {@link RejectReason}. The rules are those of {@code docs/protocol.md}.
 */
public final class MessageCodec {

    /** Largest payload accepted, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** Longest string value accepted, in characters (Unicode code points). */
    public static final int MAX_STRING_LENGTH = 256;
    /** Deepest nesting of JSON objects and arrays accepted (the top-level object is level 1). */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Default oldest accepted {@code ts}, before the receiver's clock: a gateway's backlog. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** Default newest accepted {@code ts}, after the receiver's clock: device clock skew. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(5);

    /** Prefix of the detail of a rejection caused by a defect of this codec rather than by the payload. */
    static final String INTERNAL_ERROR = "internal codec error: ";

    private final Duration maxAge;
    private final Duration maxAhead;
    private final PayloadParser parser;
    private final PayloadDecoder decoder;
    private final PayloadEncoder encoder;

    /** A codec with the default time window ({@link #DEFAULT_MAX_AGE}, {@link #DEFAULT_MAX_AHEAD}). */
    public MessageCodec() {
        this(DEFAULT_MAX_AGE, DEFAULT_MAX_AHEAD);
    }

    /**
     * A codec that accepts {@code ts} in {@code [now - maxAge, now + maxAhead]}.
     *
     * @throws IllegalArgumentException when a duration is negative or longer than 10,000 years
     */
    public MessageCodec(Duration maxAge, Duration maxAhead) {
        this.maxAge = checkWindow(maxAge, "maxAge");
        this.maxAhead = checkWindow(maxAhead, "maxAhead");
        JsonFactory factory = StrictJson.factory(MAX_NESTING_DEPTH, MAX_PAYLOAD_BYTES);
        this.parser = new PayloadParser(factory, MAX_PAYLOAD_BYTES, MAX_NESTING_DEPTH);
        this.decoder = new PayloadDecoder(maxAge.toMillis(), maxAhead.toMillis());
        this.encoder = new PayloadEncoder(factory);
    }

    private static Duration checkWindow(Duration window, String name) {
        Objects.requireNonNull(window, name);
        if (window.isNegative() || window.compareTo(Duration.ofDays(3_652_500)) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and 10,000 years, got " + window);
        }
        return window;
    }

    /** The oldest accepted {@code ts}, before the receiver's clock. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The newest accepted {@code ts}, after the receiver's clock. */
    public Duration maxAhead() {
        return maxAhead;
    }

    /**
     * Decodes and validates one MQTT message. Never throws, whatever the topic and payload (null included).
     *
     * @param topic     the topic it was published on
     * @param payload   the payload bytes (only read, never kept or changed)
     * @param nowMillis the receiver's clock, epoch milliseconds, against which {@code ts} is checked
     * @return the message, or why it is refused
     */
    public DecodeResult decode(String topic, byte[] payload, long nowMillis) {
        TopicParse parsed;
        try {
            parsed = Topics.parse(topic);
        } catch (RuntimeException defect) {
            return new DecodeResult.Rejected(RejectReason.MALFORMED_JSON,
                    INTERNAL_ERROR + defect.getClass().getSimpleName(), null);
        }
        if (parsed instanceof TopicParse.BadTopic bad) {
            return new DecodeResult.Rejected(RejectReason.BAD_TOPIC, bad.detail(), null);
        }
        return decodePayload((TopicParse.DeviceTopic) parsed, payload, nowMillis);
    }

    /**
     * The same as {@link #decode(String, byte[], long)} for a topic the caller has already parsed (the service
     * parses it first, to find the device); {@code topic} is not null.
     */
    public DecodeResult decodePayload(TopicParse.DeviceTopic topic, byte[] payload, long nowMillis) {
        String deviceId = topic.deviceId();
        try {
            PayloadFields fields = parser.parse(payload);
            return new DecodeResult.Accepted(decoder.decode(topic, fields, nowMillis));
        } catch (Rejection rejection) {
            return new DecodeResult.Rejected(rejection.reason(), rejection.getMessage(), deviceId);
        } catch (RuntimeException defect) {
            return new DecodeResult.Rejected(RejectReason.MALFORMED_JSON,
                    INTERNAL_ERROR + defect.getClass().getSimpleName(), deviceId);
        }
    }

    /**
     * Encodes a message as its canonical payload: UTF-8 JSON without whitespace, {@code "v":1} first, then {@code
     * ts}, the discriminator and the present fields in wire order. A {@link StateMessage} without {@code ts} (the
     * Will) has no {@code ts}. Values are written as given: ranges are checked by {@link #decode}, not here.
     *
     * @throws IllegalArgumentException when a decimal is NaN or infinite, or a string has an unpaired surrogate:
     *                                  things JSON cannot carry faithfully
     * @throws NullPointerException     when {@code message} is null
     */
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        return encoder.encode(message);
    }
}

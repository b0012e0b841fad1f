package vn.commune.telemetry.protocol;

import java.util.Locale;

/**
 * Why an incoming message was refused. Every rejection is counted by reason ({@link #tag()}); the codec decides all of
 * them except {@link #UNKNOWN_DEVICE}, {@link #WRONG_GATEWAY} and {@link #KIND_MISMATCH}, which the service decides
 * against its inventory.
 */
public enum RejectReason {
    /** Not a well-formed UTF-8 JSON object (syntax, encoding, duplicate keys, nesting, empty payload). */
    MALFORMED_JSON,
    /** A required field ({@code v}, {@code ts}, {@code kind}, {@code type}, {@code state}) is absent. */
    MISSING_FIELD,
    /** {@code v} is an integer other than 1. */
    UNSUPPORTED_VERSION,
    /** A field has the wrong JSON type (string for a number, 0/1 for a boolean, null, decimal for an integer...). */
    WRONG_TYPE,
    /** A value has the right type but lies outside its range or set of allowed values. */
    OUT_OF_RANGE,
    /** The payload is larger than {@link MessageCodec#MAX_PAYLOAD_BYTES}. */
    TOO_LARGE,
    /** {@code ts} is older than the accepted window (7 days by default). */
    TS_TOO_OLD,
    /** {@code ts} is further ahead than the accepted clock skew (5 minutes by default). */
    TS_IN_FUTURE,
    /** The payload is plainly a message of another channel than the topic's. */
    TOPIC_MISMATCH,
    /** The payload's {@code device} names another device than its topic. */
    IDENTITY_MISMATCH,
    /** The topic is not {@code tele/{deviceId}/{status|event|state}}. */
    BAD_TOPIC,
    /** The device id is not in the inventory (decided by the service, never by the codec). */
    UNKNOWN_DEVICE,
    /** The status {@code kind} differs from the device's kind in the inventory (decided by the service). */
    KIND_MISMATCH,
    /**
     * The message carries the MQTT 5 user property {@link Topics#GATEWAY_PROPERTY} naming a gateway that is not in the
     * inventory, or one the topic's device is not behind (decided by the service).
     */
    WRONG_GATEWAY;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case name, for metric tags and logs (for example {@code malformed_json}). */
    public String tag() {
        return tag;
    }
}

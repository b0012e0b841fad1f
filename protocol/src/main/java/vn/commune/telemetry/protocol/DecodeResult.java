package vn.commune.telemetry.protocol;

import java.util.Objects;

/** What {@link MessageCodec#decode} made of one MQTT message: a valid message, or a counted reason to refuse it. */
public sealed interface DecodeResult permits DecodeResult.Accepted, DecodeResult.Rejected {

    /** The device id the topic named, or null when the topic named none (a {@link RejectReason#BAD_TOPIC}). */
    String deviceId();

    /**
     * A valid message.
     *
     * @param message the decoded, validated message
     */
    record Accepted(Message message) implements DecodeResult {

        /** Checks that {@code message} is present. */
        public Accepted {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String deviceId() {
            return message.deviceId();
        }
    }

    /**
     * A refused message.
     *
     * @param reason   why, for counting
     * @param detail   which field and what is wrong with it, for logs (device-supplied text is left out or shortened)
     * @param deviceId the device id from the topic, or null when the topic gave none
     */
    record Rejected(RejectReason reason, String detail, String deviceId) implements DecodeResult {

        /** Checks that {@code reason} and {@code detail} are present. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

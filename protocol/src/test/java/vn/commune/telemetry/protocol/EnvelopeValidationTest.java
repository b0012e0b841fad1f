package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.commune.telemetry.protocol.TestPayloads.CODEC;
import static vn.commune.telemetry.protocol.TestPayloads.DEVICE;
import static vn.commune.telemetry.protocol.TestPayloads.NOW;
import static vn.commune.telemetry.protocol.TestPayloads.assertAccepted;
import static vn.commune.telemetry.protocol.TestPayloads.assertRejected;
import static vn.commune.telemetry.protocol.TestPayloads.decode;
import static vn.commune.telemetry.protocol.TestPayloads.decodeStatus;
import static vn.commune.telemetry.protocol.TestPayloads.json;
import static vn.commune.telemetry.protocol.TestPayloads.status;
import static vn.commune.telemetry.protocol.TestPayloads.str;
import static vn.commune.telemetry.protocol.TestPayloads.with;
import static vn.commune.telemetry.protocol.TestPayloads.without;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies the checks that apply to every payload: topic, size, JSON well-formedness, {@code v}, {@code device},
 * {@code ts}.
 */
class EnvelopeValidationTest {

    private static final String STATUS_TOPIC = Topics.status(DEVICE);

    private static DecodeResult decodeRaw(byte[] payload) {
        return CODEC.decode(STATUS_TOPIC, payload, NOW);
    }

    private static DecodeResult decodeText(String payload) {
        return decodeRaw(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid loudspeaker status padded with an unknown string field to exactly {@code size} bytes. */
    private static byte[] paddedTo(int size) {
        byte[] base = json(with(status(DeviceKind.LOUDSPEAKER), "pad", "\"\""));
        String text = new String(base, StandardCharsets.UTF_8);
        return text.replace("\"pad\":\"\"", "\"pad\":\"" + "p".repeat(size - base.length) + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Topic {

        /** Verifies that a bad topic is refused before the payload is looked at, without a device id. */
        @Test
        void badTopicHasNoDeviceId() {
            DecodeResult result = CODEC.decode("tele/" + DEVICE + "/status/x", null, NOW);

            assertThat(assertRejected(result, RejectReason.BAD_TOPIC).deviceId()).isNull();
        }

        /** Verifies that a null topic and null payload are reasons, not exceptions. */
        @Test
        void nullsAreRejections() {
            assertRejected(CODEC.decode(null, new byte[0], NOW), RejectReason.BAD_TOPIC);
            DecodeResult.Rejected rejected = assertRejected(CODEC.decode(STATUS_TOPIC, null, NOW),
                    RejectReason.MALFORMED_JSON);
            assertThat(rejected.deviceId()).isEqualTo(DEVICE);
        }
    }

    @Nested
    class Size {

        /** Verifies that 16 KiB exactly is accepted and one byte more is too large. */
        @Test
        void limitIsInclusive() {
            assertAccepted(decodeRaw(paddedTo(MessageCodec.MAX_PAYLOAD_BYTES)), StatusMessage.class);
            assertRejected(decodeRaw(paddedTo(MessageCodec.MAX_PAYLOAD_BYTES + 1)), RejectReason.TOO_LARGE);
        }

        /** Verifies that a huge payload is refused as too large, naming its size. */
        @Test
        void hugePayloadIsTooLarge() {
            DecodeResult.Rejected rejected = assertRejected(decodeRaw(paddedTo(1_000_000)), RejectReason.TOO_LARGE);

            assertThat(rejected.detail()).contains("1000000 bytes", "16384");
        }

        /** Verifies that an oversized payload whose first 16 KiB are already broken is malformed, not too large. */
        @Test
        void oversizedWithBrokenPrefixIsMalformed() {
            String tail = "x".repeat(MessageCodec.MAX_PAYLOAD_BYTES);
            assertRejected(decodeText("{\"v\":1,\"x\":" + "[".repeat(40) + tail), RejectReason.MALFORMED_JSON);
            assertRejected(decodeText("{\"v\":1,,\"x\":\"" + tail + "\"}"), RejectReason.MALFORMED_JSON);
            assertRejected(decodeText("[\"" + tail + "\"]"), RejectReason.MALFORMED_JSON);
            assertRejected(decodeText("{\"v\":1}   {\"" + tail + "\":1}"), RejectReason.MALFORMED_JSON);
            assertRejected(decodeText("{\"a\":1,\"a\":\"" + tail + "\"}"), RejectReason.MALFORMED_JSON);
            byte[] badUtf8 = paddedTo(MessageCodec.MAX_PAYLOAD_BYTES + 100);
            badUtf8[40] = (byte) 0xFF;
            assertRejected(decodeRaw(badUtf8), RejectReason.MALFORMED_JSON);
        }

        /** Verifies that a defect after the first 16 KiB, or a character cut by the limit, stays too large. */
        @Test
        void oversizedWithSoundPrefixIsTooLarge() {
            byte[] brokenLate = paddedTo(MessageCodec.MAX_PAYLOAD_BYTES + 100);
            brokenLate[brokenLate.length - 1] = (byte) 0xFF;
            assertRejected(decodeRaw(brokenLate), RejectReason.TOO_LARGE);

            String prefix = "{\"v\":1,\"program\":\"";
            int filler = MessageCodec.MAX_PAYLOAD_BYTES - prefix.length() - 1;
            String cutInsideCharacter = prefix + "a".repeat(filler) + "ệệệ\"}";
            assertRejected(decodeText(cutInsideCharacter), RejectReason.TOO_LARGE);

            String beforeTrue = "{\"v\":1,\"pad\":\"" + "a".repeat(16_362) + "\",\"b\":";
            String cutInsideToken = beforeTrue + "true,\"c\":1}";
            assertThat(beforeTrue.length() + 2).isEqualTo(MessageCodec.MAX_PAYLOAD_BYTES);
            assertRejected(decodeText(cutInsideToken), RejectReason.TOO_LARGE);
        }
    }

    @Nested
    class Json {

        /** Verifies that what is not one well-formed JSON object is malformed. */
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t ", "{", "}", "{}}", "[]", "\"text\"", "42", "true", "null",
            "{\"v\":1} x", "{\"v\":1}{}", "{\"v\":1,}", "{v:1}", "{'v':1}", "{\"v\":01}", "{\"v\":+1}",
            "{\"v\":1 /* c */}", "{\"v\":1, \"x\": \"a\tb\"}", "{\"v\":1,\"x\":.5}", "{\"v\":1,\"x\":1.}",
            "{\"v\":1,\"x\":-Infinity}", "{\"v\":1,\"x\":\"\\x41\"}", "{\"v\":1,\"x\":\"\\u12\"}",
            "{\"v\":1 \"ts\":1}"})
        void notOneObject(String payload) {
            assertRejected(decodeText(payload), RejectReason.MALFORMED_JSON);
        }

        /** Verifies that an object without fields is well-formed but lacks {@code v}. */
        @Test
        void emptyObjectMissesVersion() {
            assertRejected(decodeText(" {} "), RejectReason.MISSING_FIELD);
        }

        /** Verifies that duplicate keys are refused at any depth, and ignored unknown fields are still parsed. */
        @Test
        void duplicateKeysAnywhere() {
            assertRejected(decodeStatus(with(status(DeviceKind.LOUDSPEAKER), "x", "{\"a\":1,\"a\":1}")),
                    RejectReason.MALFORMED_JSON);
            assertRejected(decodeStatus(with(status(DeviceKind.LOUDSPEAKER), "x", "[1,2,")),
                    RejectReason.MALFORMED_JSON);
        }

        /**
         * Verifies each place a key can be given twice (a field v1 names, an unknown one, an object nested in a known
         * or an unknown field, in an array, deep down): refused, the detail naming the key; and that the same name in
         * different objects, or a key only differing in case, is no duplicate.
         */
        @ParameterizedTest
        @ValueSource(strings = {
            "{\"v\":1,\"v\":1}",
            "{\"v\":1,\"temp_c\":41.5,\"kind\":\"loudspeaker\",\"temp_c\":99.0}",
            "{\"v\":1,\"zz\":1,\"yy\":2,\"zz\":3}",
            "{\"v\":1,\"detail\":{\"zz\":1,\"zz\":2}}",
            "{\"v\":1,\"x\":{\"a\":1,\"b\":2,\"zz\":3,\"zz\":4}}",
            "{\"v\":1,\"x\":[1,{\"zz\":1,\"zz\":[]}]}",
            "{\"v\":1,\"x\":{\"a\":{\"b\":[[{\"c\":1,\"zz\":true,\"zz\":false}]]}}}",
        })
        void duplicateIsRefusedWhereverItHides(String payload) {
            String key = payload.contains("\"temp_c\":99") ? "temp_c" : payload.contains("\"v\":1,\"v\"") ? "v"
                    : "zz";
            DecodeResult.Rejected rejected = assertRejected(decodeText(payload), RejectReason.MALFORMED_JSON);
            assertThat(rejected.detail()).isEqualTo("duplicate key \"" + key + "\"");
        }

        /** Verifies that a name met again in another object, or in another case, is not a duplicate. */
        @Test
        void sameNameElsewhereIsNoDuplicate() {
            Map<String, String> status = status(DeviceKind.LOUDSPEAKER);
            assertAccepted(decodeStatus(with(with(status, "x", "{\"v\":1,\"x\":{\"x\":[{\"v\":1},{\"v\":2}]}}"),
                    "X", "1")), StatusMessage.class);
        }

        /** Verifies the nesting limit: 32 levels including the top-level object are fine, 33 are not. */
        @Test
        void nestingLimit() {
            int inner = MessageCodec.MAX_NESTING_DEPTH - 1;
            String ok = "[".repeat(inner) + "]".repeat(inner);
            String deep = "[".repeat(inner + 1) + "]".repeat(inner + 1);

            assertAccepted(decodeStatus(with(status(DeviceKind.LOUDSPEAKER), "x", ok)), StatusMessage.class);
            DecodeResult.Rejected rejected = assertRejected(
                    decodeStatus(with(status(DeviceKind.LOUDSPEAKER), "x", deep)), RejectReason.MALFORMED_JSON);
            assertThat(rejected.detail()).contains("32");
        }

        /** Verifies that a leading UTF-8 byte order mark is skipped. */
        @Test
        void utf8BomIsSkipped() {
            byte[] payload = json(status(DeviceKind.WIFI));
            byte[] withBom = new byte[payload.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(payload, 0, withBom, 3, payload.length);

            assertThat(decodeRaw(withBom)).isEqualTo(decodeRaw(payload));
        }
    }

    @Nested
    class Encoding {

        /** Verifies that only strict UTF-8 is read: no UTF-16/32, no overlong forms, no encoded surrogates. */
        @Test
        void onlyStrictUtf8() {
            String text = new String(json(status(DeviceKind.WIFI)), StandardCharsets.UTF_8);

            assertRejected(decodeRaw(text.getBytes(StandardCharsets.UTF_16LE)), RejectReason.MALFORMED_JSON);
            assertRejected(decodeRaw(text.getBytes(StandardCharsets.UTF_16)), RejectReason.MALFORMED_JSON);
            assertRejected(decodeRaw(text.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
                    RejectReason.MALFORMED_JSON);
            for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xC3},
                {(byte) 0xE1, (byte) 0xBA}, {0}}) {
                assertRejected(decodeRaw(withProgramBytes(bad)), RejectReason.MALFORMED_JSON);
            }
        }

        /** Verifies that valid multi-byte characters of every length are read exactly. */
        @Test
        void validMultiByteCharacters() {
            String program = "ệ – \u0800\uFFFD 📢 \uDBFF\uDFFF";
            byte[] payload = withProgramBytes(program.getBytes(StandardCharsets.UTF_8));

            StatusMessage message = assertAccepted(decodeRaw(payload), StatusMessage.class);

            assertThat(((LoudspeakerStatus) message.detail()).program()).isEqualTo(program);
        }

        /** Verifies that escapes are decoded, and that a lone surrogate escape is refused. */
        @Test
        void escapes() {
            Map<String, String> base = status(DeviceKind.LOUDSPEAKER);
            StatusMessage message = assertAccepted(decodeStatus(with(base, "program",
                    "\"\\ud83d\\udce2 \\n\\t\\\"\\\\\\/ \\u00e9\"")), StatusMessage.class);

            assertThat(((LoudspeakerStatus) message.detail()).program()).isEqualTo("📢 \n\t\"\\/ é");
            assertRejected(decodeStatus(with(base, "program", "\"\\ud83d\"")), RejectReason.MALFORMED_JSON);
            assertRejected(decodeStatus(with(base, "program", "\"a\\udce2\"")), RejectReason.MALFORMED_JSON);
        }

        private byte[] withProgramBytes(byte[] program) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(json(without(status(DeviceKind.LOUDSPEAKER), "program")));
            byte[] head = out.toByteArray();
            out.reset();
            out.write(head, 0, head.length - 1);
            out.writeBytes(",\"program\":\"".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(program);
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }

    @Nested
    class Version {

        /** Verifies that {@code v} must be present and the JSON integer 1. */
        @Test
        void versionRules() {
            Map<String, String> base = status(DeviceKind.LOUDSPEAKER);

            assertRejected(decodeStatus(without(base, "v")), RejectReason.MISSING_FIELD);
            for (String wrong : new String[] {"\"1\"", "1.0", "1e0", "true", "null", "[1]", "{}"}) {
                assertRejected(decodeStatus(with(base, "v", wrong)), RejectReason.WRONG_TYPE);
            }
            for (String other : new String[] {"0", "2", "-1", "100000000000000000000000"}) {
                assertRejected(decodeStatus(with(base, "v", other)), RejectReason.UNSUPPORTED_VERSION);
            }
        }

        /** Verifies that the version is checked before anything else in the payload. */
        @Test
        void versionComesFirst() {
            Map<String, String> v2 = Map.of("v", "2", "ts", "\"later\"", "type", "1");

            assertRejected(decode(Channel.STATUS, v2), RejectReason.UNSUPPORTED_VERSION);
        }
    }

    @Nested
    class Identity {

        /** Verifies that a payload naming its own topic's device is accepted, on every channel. */
        @Test
        void ownDeviceIsAccepted() {
            assertAccepted(decodeStatus(with(status(DeviceKind.LOUDSPEAKER), "device", str(DEVICE))),
                    StatusMessage.class);
            assertAccepted(decode(Channel.EVENT, with(TestPayloads.event("reboot"), "device", str(DEVICE))),
                    EventMessage.class);
            assertAccepted(decode(Channel.STATE, with(TestPayloads.state("online"), "device", str(DEVICE))),
                    StateMessage.class);
        }

        /** Verifies that a payload naming another device than its topic's is an identity mismatch. */
        @Test
        void otherDeviceIsRefused() {
            Map<String, String> base = status(DeviceKind.LOUDSPEAKER);

            DecodeResult.Rejected rejected = assertRejected(decodeStatus(with(base, "device", str("spk-other"))),
                    RejectReason.IDENTITY_MISMATCH);
            assertThat(rejected.detail()).contains("spk-other", DEVICE);
            assertThat(rejected.deviceId()).isEqualTo(DEVICE);
            for (String other : new String[] {str(DEVICE.toUpperCase()), str(DEVICE + " "), str(""),
                str("x".repeat(300))}) {
                assertRejected(decodeStatus(with(base, "device", other)), RejectReason.IDENTITY_MISMATCH);
            }
            assertRejected(decode(Channel.STATE, with(TestPayloads.state("offline"), "device", str("spk-other"))),
                    RejectReason.IDENTITY_MISMATCH);
        }

        /** Verifies that {@code device} must be a string. */
        @Test
        void deviceMustBeString() {
            for (String wrong : new String[] {"null", "1", "true", "[]", "{}"}) {
                assertRejected(decodeStatus(with(status(DeviceKind.WIFI), "device", wrong)), RejectReason.WRONG_TYPE);
            }
        }

        /** Verifies that the identity is checked after {@code v} and before everything else in the payload. */
        @Test
        void identityComesAfterVersion() {
            Map<String, String> bad = Map.of("v", "1", "device", str("spk-other"), "ts", "\"later\"", "type", "1");

            assertRejected(decode(Channel.STATUS, bad), RejectReason.IDENTITY_MISMATCH);
            assertRejected(decode(Channel.STATUS, with(bad, "v", "2")), RejectReason.UNSUPPORTED_VERSION);
        }

        /** Verifies that a duplicate {@code device} key is malformed, not the first or last of the two. */
        @Test
        void duplicateDeviceIsMalformed() {
            String payload = "{\"v\":1,\"device\":\"" + DEVICE + "\",\"device\":\"spk-other\",\"ts\":" + NOW
                    + ",\"kind\":\"wifi\"}";

            assertRejected(decodeText(payload), RejectReason.MALFORMED_JSON);
        }
    }

    @Nested
    class Timestamp {

        private final Map<String, String> base = status(DeviceKind.LOUDSPEAKER);

        private DecodeResult withTs(String raw) {
            return decodeStatus(with(base, "ts", raw));
        }

        /** Verifies that both ends of the window are inclusive, to the millisecond. */
        @Test
        void windowEdges() {
            long oldest = NOW - Duration.ofDays(7).toMillis();
            long newest = NOW + Duration.ofMinutes(5).toMillis();

            assertAccepted(withTs(Long.toString(oldest)), StatusMessage.class);
            assertRejected(withTs(Long.toString(oldest - 1)), RejectReason.TS_TOO_OLD);
            assertAccepted(withTs(Long.toString(newest)), StatusMessage.class);
            assertRejected(withTs(Long.toString(newest + 1)), RejectReason.TS_IN_FUTURE);
        }

        /** Verifies absurd values in both directions, including beyond 64 bits. */
        @Test
        void absurdValues() {
            assertRejected(withTs("0"), RejectReason.TS_TOO_OLD);
            assertRejected(withTs("-1"), RejectReason.TS_TOO_OLD);
            assertRejected(withTs(Long.toString(Long.MIN_VALUE)), RejectReason.TS_TOO_OLD);
            assertRejected(withTs("-1" + "0".repeat(30)), RejectReason.TS_TOO_OLD);
            assertRejected(withTs(Long.toString(NOW / 1000)), RejectReason.TS_TOO_OLD);
            assertRejected(withTs(Long.toString(NOW * 1000)), RejectReason.TS_IN_FUTURE);
            assertRejected(withTs(Long.toString(Long.MAX_VALUE)), RejectReason.TS_IN_FUTURE);
            assertRejected(withTs("1" + "0".repeat(30)), RejectReason.TS_IN_FUTURE);
        }

        /** Verifies that {@code ts} must be a JSON integer. */
        @Test
        void mustBeInteger() {
            for (String wrong : new String[] {"\"" + NOW + "\"", NOW + ".0", "1.764064800E12", "true", "null",
                "\"2025-11-25T10:00:00Z\"", "[" + NOW + "]"}) {
                assertRejected(withTs(wrong), RejectReason.WRONG_TYPE);
            }
            assertRejected(decodeStatus(without(base, "ts")), RejectReason.MISSING_FIELD);
        }

        /** Verifies that a codec with another window applies it, and that extreme clocks do not overflow. */
        @Test
        void customWindowAndExtremeClocks() {
            MessageCodec strict = new MessageCodec(Duration.ofHours(1), Duration.ZERO);
            byte[] twoHoursOld = json(with(base, "ts", Long.toString(NOW - 7_200_000)));
            byte[] oneMsAhead = json(with(base, "ts", Long.toString(NOW + 1)));
            byte[] maxTs = json(with(base, "ts", Long.toString(Long.MAX_VALUE)));
            byte[] minTs = json(with(base, "ts", Long.toString(Long.MIN_VALUE)));

            assertRejected(strict.decode(STATUS_TOPIC, twoHoursOld, NOW), RejectReason.TS_TOO_OLD);
            assertRejected(strict.decode(STATUS_TOPIC, oneMsAhead, NOW), RejectReason.TS_IN_FUTURE);
            assertAccepted(CODEC.decode(STATUS_TOPIC, maxTs, Long.MAX_VALUE), StatusMessage.class);
            assertAccepted(CODEC.decode(STATUS_TOPIC, minTs, Long.MIN_VALUE), StatusMessage.class);
            assertRejected(CODEC.decode(STATUS_TOPIC, minTs, Long.MAX_VALUE), RejectReason.TS_TOO_OLD);
            assertRejected(CODEC.decode(STATUS_TOPIC, maxTs, Long.MIN_VALUE), RejectReason.TS_IN_FUTURE);
        }

        /** Verifies that impossible windows are refused when the codec is built. */
        @Test
        void windowIsValidated() {
            assertThatThrownBy(() -> new MessageCodec(Duration.ofMillis(-1), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new MessageCodec(Duration.ofDays(7), Duration.ofSeconds(Long.MAX_VALUE)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new MessageCodec(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
            assertThat(new MessageCodec().maxAge()).isEqualTo(MessageCodec.DEFAULT_MAX_AGE);
            assertThat(new MessageCodec().maxAhead()).isEqualTo(MessageCodec.DEFAULT_MAX_AHEAD);
        }
    }

    @Nested
    class ChannelMismatch {

        /** Verifies that a payload plainly of another channel is a topic mismatch on every channel. */
        @Test
        void plainlyAnotherChannel() {
            Map<String, String> statusPayload = status(DeviceKind.CAMERA);
            Map<String, String> eventPayload = TestPayloads.event("reboot");
            Map<String, String> statePayload = TestPayloads.state("online");

            assertRejected(decode(Channel.STATUS, eventPayload), RejectReason.TOPIC_MISMATCH);
            assertRejected(decode(Channel.STATUS, statePayload), RejectReason.TOPIC_MISMATCH);
            assertRejected(decode(Channel.EVENT, statusPayload), RejectReason.TOPIC_MISMATCH);
            assertRejected(decode(Channel.EVENT, statePayload), RejectReason.TOPIC_MISMATCH);
            assertRejected(decode(Channel.STATE, statusPayload), RejectReason.TOPIC_MISMATCH);
            DecodeResult.Rejected rejected = assertRejected(decode(Channel.STATE, eventPayload),
                    RejectReason.TOPIC_MISMATCH);
            assertThat(rejected.detail()).contains("type", "state");
        }

        /** Verifies that a payload with its own discriminator is not a mismatch even if it also has another. */
        @Test
        void ownDiscriminatorWins() {
            assertAccepted(decode(Channel.STATUS, with(status(DeviceKind.WIFI), "type", str("reboot"))),
                    StatusMessage.class);
            assertAccepted(decode(Channel.EVENT, with(TestPayloads.event("reboot"), "kind", "1")),
                    EventMessage.class);
        }

        /** Verifies that a payload with no discriminator at all misses a field rather than mismatching. */
        @Test
        void noDiscriminatorIsMissingField() {
            Map<String, String> bare = Map.of("v", "1", "ts", Long.toString(NOW));

            assertRejected(decode(Channel.STATUS, bare), RejectReason.MISSING_FIELD);
            assertRejected(decode(Channel.EVENT, bare), RejectReason.MISSING_FIELD);
            assertRejected(decode(Channel.STATE, bare), RejectReason.MISSING_FIELD);
        }
    }
}

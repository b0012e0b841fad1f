package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.protocol.TestPayloads.assertAccepted;
import static vn.commune.telemetry.protocol.TestPayloads.assertRejected;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.commune.telemetry.testsupport.HostileCorpus;
import vn.commune.telemetry.testsupport.HostileCorpus.Case;
import vn.commune.telemetry.testsupport.HostileCorpus.Expect;

/**
 * Runs every case of the shared hostile-payload corpus through the codec.
 *
 * <p>Cases that expect {@code reject} with {@code UNKNOWN_DEVICE} or {@code KIND_MISMATCH} are decided by the service
 * against its inventory, not by the codec: here they must be <em>accepted</em>, with the device id and kind the
 * service needs to make that decision. A {@code no-crash} case may be accepted or rejected, but never by a codec
 * defect; for the one the corpus has (a UTF-8 BOM) the documented choice, skip and accept, is checked separately.
 */
class HostileCorpusTest {

    private static final long NOW = TestPayloads.NOW;
    private static final String DEVICE = TestPayloads.DEVICE;
    private static final Set<String> SERVICE_REASONS =
            Set.of(RejectReason.UNKNOWN_DEVICE.name(), RejectReason.KIND_MISMATCH.name());
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final MessageCodec codec = new MessageCodec();

    static List<Case> corpus() {
        return HostileCorpus.load(DEVICE, NOW);
    }

    /** Verifies that every corpus case gets the outcome and the exact reason the corpus expects. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusCase(Case c) throws IOException {
        byte[] original = c.payload().clone();

        DecodeResult result = codec.decode(c.topic(), c.payload(), NOW);

        assertThat(c.payload()).as("payload left unchanged").isEqualTo(original);
        if (c.expect() == Expect.ACCEPT) {
            Message message = assertAccepted(result, Message.class);
            assertStringsVerbatim(c, message);
        } else if (c.expect() == Expect.REJECT && SERVICE_REASONS.contains(c.reason())) {
            Message message = assertAccepted(result, Message.class);
            assertStringsVerbatim(c, message);
        } else if (c.expect() == Expect.REJECT) {
            DecodeResult.Rejected rejected = assertRejected(result, RejectReason.valueOf(c.reason()));
            assertThat(rejected.detail()).hasSizeLessThan(200);
        } else if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.detail()).doesNotStartWith(MessageCodec.INTERNAL_ERROR);
        } else {
            assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        }
    }

    /** Verifies the facts the service needs for the two inventory reasons. */
    @Test
    void serviceDecidedCasesCarryWhatTheServiceNeeds() {
        Map<String, Case> byName = byName();

        StatusMessage camera = assertAccepted(
                codec.decode(byName.get("kind does not match inventory").topic(),
                        byName.get("kind does not match inventory").payload(), NOW), StatusMessage.class);
        StatusMessage unregistered = assertAccepted(
                codec.decode(byName.get("unregistered device").topic(),
                        byName.get("unregistered device").payload(), NOW), StatusMessage.class);

        assertThat(camera.kind()).isEqualTo(DeviceKind.CAMERA);
        assertThat(camera.detail()).isEqualTo(new CameraStatus(true, 10.0, 25.0, 2000.0, false));
        assertThat(camera.fields()).doesNotContainKeys("playing", "program", "horns_ok");
        assertThat(unregistered.deviceId()).isEqualTo("not-in-inventory-42");
    }

    /** Verifies that the corpus has not lost the cases this test relies on, and that every reason it names exists. */
    @Test
    void corpusIsComplete() {
        List<Case> cases = corpus();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(59);
        assertThat(byName()).containsKeys("kind does not match inventory", "unregistered device",
                "UTF-8 BOM before object", "deep nesting", "payload over 16 KiB");
        cases.stream().filter(c -> c.reason() != null)
                .forEach(c -> assertThat(RejectReason.valueOf(c.reason())).isNotNull());
    }

    /** Verifies the documented choice for the BOM case: skipped, then accepted like the same payload without it. */
    @Test
    void bomIsSkipped() {
        Case bom = byName().get("UTF-8 BOM before object");
        byte[] withoutBom = Arrays.copyOfRange(bom.payload(), 3, bom.payload().length);

        DecodeResult withResult = codec.decode(bom.topic(), bom.payload(), NOW);
        DecodeResult withoutResult = codec.decode(bom.topic(), withoutBom, NOW);

        assertAccepted(withResult, StatusMessage.class);
        assertThat(withResult).isEqualTo(withoutResult);
    }

    /** Verifies that the 40 KB deep-nesting case is refused as malformed within its first 16 KiB. */
    @Test
    void deepNestingOverTheSizeLimitIsMalformed() {
        Case deep = byName().get("deep nesting");

        assertThat(deep.payload().length).isGreaterThan(MessageCodec.MAX_PAYLOAD_BYTES);
        assertRejected(codec.decode(deep.topic(), deep.payload(), NOW), RejectReason.MALFORMED_JSON);
    }

    private static Map<String, Case> byName() {
        return corpus().stream().collect(java.util.stream.Collectors.toMap(Case::name, c -> c));
    }

    /**
     * Every string field of the message equals the string an independent JSON parser reads from the payload, and when
     * the payload wrote it without escapes, its UTF-8 bytes equal the payload's bytes between the quotes.
     */
    private static void assertStringsVerbatim(Case c, Message message) throws IOException {
        JsonNode reference = PLAIN.readTree(stripBom(c.payload()));
        Map<String, Object> fields = message instanceof StatusMessage status ? status.fields()
                : message instanceof EventMessage event ? event.fields() : Map.of();
        String text = new String(c.payload(), StandardCharsets.UTF_8);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!(field.getValue() instanceof String value) || !reference.path(field.getKey()).isTextual()) {
                continue;
            }
            assertThat(value).as(field.getKey()).isEqualTo(reference.get(field.getKey()).textValue());
            String raw = rawLiteral(text, field.getKey());
            if (raw != null && raw.indexOf('\\') < 0) {
                assertThat(value.getBytes(StandardCharsets.UTF_8)).as("%s bytes", field.getKey())
                        .isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] stripBom(byte[] payload) {
        boolean bom = payload.length >= 3 && (payload[0] & 0xFF) == 0xEF && (payload[1] & 0xFF) == 0xBB
                && (payload[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(payload, 3, payload.length) : payload;
    }

    /** The text between the quotes of the string value of {@code name}, as written, or null if not found simply. */
    private static String rawLiteral(String json, String name) {
        String key = "\"" + name + "\": \"";
        int start = json.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = start;
        while (end < json.length() && json.charAt(end) != '"') {
            end += json.charAt(end) == '\\' ? 2 : 1;
        }
        return json.substring(start, Math.min(end, json.length()));
    }
}

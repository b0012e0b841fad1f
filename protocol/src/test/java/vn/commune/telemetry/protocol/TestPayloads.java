package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Payloads for tests, built from raw JSON fragments so that tests can put any token anywhere. */
final class TestPayloads {

    /** The receiver's clock in tests: 2025-11-25T10:00:00Z. */
    static final long NOW = 1_764_064_800_000L;
    static final String DEVICE = "loa-bt-giaphu-01";
    static final MessageCodec CODEC = new MessageCodec();

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private TestPayloads() {
    }

    /** A valid status of {@code kind} with every field present, as ordered raw JSON fragments. */
    static Map<String, String> status(DeviceKind kind) {
        Map<String, String> fields = envelope();
        fields.put("kind", str(kind.wireName()));
        fields.put("power", str("mains"));
        fields.put("battery_pct", "97");
        fields.put("temp_c", "41.5");
        fields.put("rssi_dbm", "-71");
        fields.put("rsrp_dbm", "-96");
        fields.put("uptime_s", "1234");
        switch (kind) {
            case LOUDSPEAKER -> {
                fields.put("playing", "false");
                fields.put("program", str("news"));
                fields.put("volume_pct", "80");
                fields.put("amp_ok", "true");
                fields.put("horns_ok", "4");
                fields.put("horns_total", "4");
            }
            case WIFI -> {
                fields.put("clients", "12");
                fields.put("uplink_ok", "true");
                fields.put("uplink_mbps", "35.2");
                fields.put("latency_ms", "48");
            }
            case CAMERA -> {
                fields.put("recording", "true");
                fields.put("storage_used_pct", "63.5");
                fields.put("fps", "25");
                fields.put("bitrate_kbps", "2048");
                fields.put("tamper", "false");
            }
            case GATEWAY -> {
                fields.put("devices", "14");
                fields.put("spool_depth", "0");
                fields.put("uplink", str("4g"));
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return fields;
    }

    /** A valid event of {@code type} with no optional field. */
    static Map<String, String> event(String type) {
        Map<String, String> fields = envelope();
        fields.put("type", str(type));
        return fields;
    }

    /** A valid state announcement with a timestamp. */
    static Map<String, String> state(String state) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("v", "1");
        fields.put("state", str(state));
        fields.put("ts", Long.toString(NOW));
        return fields;
    }

    private static Map<String, String> envelope() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("v", "1");
        fields.put("ts", Long.toString(NOW));
        return fields;
    }

    /** A copy of {@code base} with {@code name} set to the raw JSON {@code raw}, or removed when it is null. */
    static Map<String, String> with(Map<String, String> base, String name, String raw) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        if (raw == null) {
            copy.remove(name);
        } else {
            copy.put(name, raw);
        }
        return copy;
    }

    static Map<String, String> without(Map<String, String> base, String name) {
        return with(base, name, null);
    }

    static byte[] json(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, raw) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(str(name)).append(':').append(raw);
        });
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code text} as a JSON string literal. */
    static String str(String text) {
        try {
            return PLAIN.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static DecodeResult decode(Channel channel, Map<String, String> fields) {
        return CODEC.decode(Topics.telemetry(DEVICE, channel), json(fields), NOW);
    }

    static DecodeResult decodeStatus(Map<String, String> fields) {
        return decode(Channel.STATUS, fields);
    }

    static DecodeResult.Rejected assertRejected(DecodeResult result, RejectReason reason) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.reason()).as("reason (detail: %s)", rejected.detail()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank().doesNotStartWith(MessageCodec.INTERNAL_ERROR);
        return rejected;
    }

    static <M extends Message> M assertAccepted(DecodeResult result, Class<M> type) {
        assertThat(result).as("%s", result).isInstanceOf(DecodeResult.Accepted.class);
        Message message = ((DecodeResult.Accepted) result).message();
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }
}

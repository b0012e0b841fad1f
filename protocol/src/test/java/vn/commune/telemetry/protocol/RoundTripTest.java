package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.commune.telemetry.protocol.TestPayloads.NOW;
import static vn.commune.telemetry.protocol.TestPayloads.assertAccepted;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies {@link MessageCodec#encode}: its canonical form, and that decode(encode(m)) equals m. */
class RoundTripTest {

    private static final String DEVICE = TestPayloads.DEVICE;
    private static final long SEED = 20_251_125L;

    private final MessageCodec codec = new MessageCodec();

    private String encoded(Message message) {
        return new String(codec.encode(message), StandardCharsets.UTF_8);
    }

    private Message roundTrip(Message message) {
        byte[] payload = codec.encode(message);
        return assertAccepted(codec.decode(Topics.telemetry(message.deviceId(), message.channel()), payload, NOW),
                Message.class);
    }

    /** Verifies the canonical payload of a full loudspeaker status. */
    @Test
    void canonicalStatus() {
        StatusMessage status = new StatusMessage(DEVICE, NOW, DeviceKind.LOUDSPEAKER,
                new CommonStatus(Power.MAINS, 97, 41.0, -71, -96, 1234L),
                new LoudspeakerStatus(false, "Bản tin 📢", 80, true, 4, 4));

        assertThat(encoded(status)).isEqualTo("{\"v\":1,\"ts\":1764064800000,\"kind\":\"loudspeaker\","
                + "\"power\":\"mains\",\"battery_pct\":97,\"temp_c\":41.0,\"rssi_dbm\":-71,\"rsrp_dbm\":-96,"
                + "\"uptime_s\":1234,\"playing\":false,\"program\":\"Bản tin 📢\",\"volume_pct\":80,\"amp_ok\":true,"
                + "\"horns_ok\":4,\"horns_total\":4}");
        assertThat(roundTrip(status)).isEqualTo(status);
    }

    /** Verifies the canonical payloads of the other kinds, with absent fields left out. */
    @Test
    void canonicalOtherKinds() {
        assertThat(encoded(new StatusMessage(DEVICE, NOW, DeviceKind.WIFI, null,
                new WifiStatus(12, true, 35.25, null))))
                .isEqualTo("{\"v\":1,\"ts\":1764064800000,\"kind\":\"wifi\",\"clients\":12,\"uplink_ok\":true,"
                        + "\"uplink_mbps\":35.25}");
        assertThat(encoded(new StatusMessage(DEVICE, NOW, DeviceKind.CAMERA, new CommonStatus(Power.SOLAR, null,
                null, null, null, null), new CameraStatus(true, 63.5, 25.0, 2048.0, false))))
                .isEqualTo("{\"v\":1,\"ts\":1764064800000,\"kind\":\"camera\",\"power\":\"solar\",\"recording\":true,"
                        + "\"storage_used_pct\":63.5,\"fps\":25.0,\"bitrate_kbps\":2048.0,\"tamper\":false}");
        assertThat(encoded(new StatusMessage(DEVICE, NOW, DeviceKind.GATEWAY, null,
                new GatewayStatus(14, 0L, Uplink.FOUR_G))))
                .isEqualTo("{\"v\":1,\"ts\":1764064800000,\"kind\":\"gateway\",\"devices\":14,\"spool_depth\":0,"
                        + "\"uplink\":\"4g\"}");
    }

    /** Verifies the canonical event, state and Will payloads. */
    @Test
    void canonicalEventStateAndWill() {
        assertThat(encoded(new EventMessage(DEVICE, NOW, EventType.POWER_LOST, null, 80, null)))
                .isEqualTo("{\"v\":1,\"ts\":1764064800000,\"type\":\"power_lost\",\"battery_pct\":80}");
        assertThat(encoded(new StateMessage(DEVICE, NOW, ConnectionState.ONLINE)))
                .isEqualTo("{\"v\":1,\"state\":\"online\",\"ts\":1764064800000}");
        assertThat(encoded(StateMessage.will(DEVICE))).isEqualTo("{\"v\":1,\"state\":\"offline\"}");
    }

    /** Verifies that non-ASCII text is written as raw UTF-8, and control characters as JSON escapes. */
    @Test
    void textEncoding() {
        String program = "loa 📢 \u202egnirts\n\"q\"\\";
        byte[] payload = codec.encode(new EventMessage(DEVICE, NOW, EventType.BROADCAST_STARTED, program, null,
                null));

        String json = new String(payload, StandardCharsets.UTF_8);
        assertThat(json).contains("loa 📢 \u202egnirts\\n\\\"q\\\"\\\\").doesNotContain("\\u");
        assertThat(((EventMessage) roundTrip(new EventMessage(DEVICE, NOW, EventType.BROADCAST_STARTED, program,
                null, null))).program()).isEqualTo(program);
    }

    /** Verifies that encode refuses what JSON cannot carry faithfully. */
    @Test
    void refusesUnrepresentableValues() {
        assertThatThrownBy(() -> codec.encode(new StatusMessage(DEVICE, NOW, DeviceKind.CAMERA, null,
                new CameraStatus(null, Double.NaN, null, null, null)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(new StatusMessage(DEVICE, NOW, DeviceKind.WIFI,
                new CommonStatus(null, null, Double.POSITIVE_INFINITY, null, null, null), null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(new EventMessage(DEVICE, NOW, EventType.TAMPER, null, null,
                "half \uD83D"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * Verifies, over thousands of random valid messages of every kind, that decode(encode(m)) equals m, that
     * encoding is stable, and that {@code fields()} types every value as documented.
     */
    @Test
    void randomMessagesRoundTrip() {
        RandomMessages random = new RandomMessages(SEED, NOW);
        int statuses = 0;

        for (int i = 0; i < 5_000; i++) {
            Message message = random.next(random.deviceId());

            byte[] payload = codec.encode(message);
            Message decoded = roundTrip(message);

            assertThat(decoded).as("seed %d, message %d: %s", SEED, i, message).isEqualTo(message);
            assertThat(codec.encode(decoded)).isEqualTo(payload);
            assertThat(payload.length).isLessThanOrEqualTo(MessageCodec.MAX_PAYLOAD_BYTES);
            if (message instanceof StatusMessage status) {
                statuses++;
                assertFieldTypes(status.fields());
            } else if (message instanceof EventMessage event) {
                assertFieldTypes(event.fields());
            }
        }
        assertThat(statuses).isGreaterThan(1_000);
    }

    private static final List<String> DECIMALS = List.of("temp_c", "uplink_mbps", "latency_ms", "storage_used_pct",
            "fps", "bitrate_kbps");
    private static final List<String> TEXTS = List.of("power", "program", "uplink", "detail");
    private static final List<String> BOOLEANS = List.of("playing", "amp_ok", "uplink_ok", "recording", "tamper");

    private static void assertFieldTypes(Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            Class<?> expected = DECIMALS.contains(name) ? Double.class : TEXTS.contains(name) ? String.class
                    : BOOLEANS.contains(name) ? Boolean.class : Long.class;
            assertThat(value).as(name).isInstanceOf(expected);
        });
    }
}

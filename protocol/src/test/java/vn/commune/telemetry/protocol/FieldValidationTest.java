package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.protocol.TestPayloads.assertAccepted;
import static vn.commune.telemetry.protocol.TestPayloads.assertRejected;
import static vn.commune.telemetry.protocol.TestPayloads.decodeStatus;
import static vn.commune.telemetry.protocol.TestPayloads.status;
import static vn.commune.telemetry.protocol.TestPayloads.str;
import static vn.commune.telemetry.protocol.TestPayloads.with;
import static vn.commune.telemetry.protocol.TestPayloads.without;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies the type and range of every status field, for every kind. */
class FieldValidationTest {

    private static final String NULL = "null";

    /** Kind, field, raw JSON value, and the expected outcome: a reason, or the value {@code fields()} must hold. */
    static Stream<Arguments> fieldCases() {
        List<Arguments> cases = new ArrayList<>();
        DeviceKind ls = DeviceKind.LOUDSPEAKER;
        // Common fields (checked on a loudspeaker; they are the same for every kind).
        choice(cases, ls, "power", List.of("mains", "battery", "solar"), List.of("nuclear", "Mains", "", "MAINS"));
        integer(cases, ls, "battery_pct", 0, 100);
        decimal(cases, ls, "temp_c", -60, 125);
        integer(cases, ls, "rssi_dbm", -150, 0);
        integer(cases, ls, "rsrp_dbm", -156, -31);
        cases.add(accept(ls, "uptime_s", "0", 0L));
        cases.add(accept(ls, "uptime_s", Long.toString(Long.MAX_VALUE), Long.MAX_VALUE));
        cases.add(reject(ls, "uptime_s", "-1", RejectReason.OUT_OF_RANGE));
        cases.add(reject(ls, "uptime_s", "9223372036854775808", RejectReason.OUT_OF_RANGE));
        cases.add(reject(ls, "uptime_s", "12.5", RejectReason.WRONG_TYPE));
        // Loudspeaker.
        bool(cases, ls, "playing");
        bool(cases, ls, "amp_ok");
        integer(cases, ls, "volume_pct", 0, 100);
        cases.add(accept(ls, "program", str(""), ""));
        cases.add(accept(ls, "program", str("x".repeat(256)), "x".repeat(256)));
        cases.add(accept(ls, "program", str("📢".repeat(256)), "📢".repeat(256)));
        cases.add(reject(ls, "program", str("x".repeat(257)), RejectReason.OUT_OF_RANGE));
        cases.add(reject(ls, "program", str("ệ".repeat(257)), RejectReason.OUT_OF_RANGE));
        cases.add(reject(ls, "program", "42", RejectReason.WRONG_TYPE));
        cases.add(reject(ls, "program", "[\"news\"]", RejectReason.WRONG_TYPE));
        cases.add(reject(ls, "program", NULL, RejectReason.WRONG_TYPE));
        // Wi-Fi.
        DeviceKind wifi = DeviceKind.WIFI;
        integer(cases, wifi, "clients", 0, 100_000);
        bool(cases, wifi, "uplink_ok");
        decimal(cases, wifi, "uplink_mbps", 0, 100_000);
        decimal(cases, wifi, "latency_ms", 0, 600_000);
        // Camera.
        DeviceKind camera = DeviceKind.CAMERA;
        bool(cases, camera, "recording");
        bool(cases, camera, "tamper");
        decimal(cases, camera, "storage_used_pct", 0, 100);
        decimal(cases, camera, "fps", 0, 240);
        decimal(cases, camera, "bitrate_kbps", 0, 1_000_000);
        // Gateway.
        DeviceKind gateway = DeviceKind.GATEWAY;
        integer(cases, gateway, "devices", 0, 100_000);
        cases.add(accept(gateway, "spool_depth", Long.toString(Long.MAX_VALUE), Long.MAX_VALUE));
        cases.add(reject(gateway, "spool_depth", "-1", RejectReason.OUT_OF_RANGE));
        cases.add(reject(gateway, "spool_depth", "1.5", RejectReason.WRONG_TYPE));
        choice(cases, gateway, "uplink", List.of("4g", "fiber", "adsl"), List.of("5g", "4G", "fibre", "dsl"));
        return cases.stream();
    }

    private static void integer(List<Arguments> cases, DeviceKind kind, String field, long min, long max) {
        cases.add(accept(kind, field, Long.toString(min), min));
        cases.add(accept(kind, field, Long.toString(max), max));
        cases.add(accept(kind, field, Long.toString((min + max) / 2), (min + max) / 2));
        cases.add(reject(kind, field, Long.toString(min - 1), RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, Long.toString(max + 1), RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, "99999999999999999999999", RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, max + ".0", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "1e1", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "\"" + max + "\"", RejectReason.WRONG_TYPE));
        commonWrongTypes(cases, kind, field);
    }

    private static void decimal(List<Arguments> cases, DeviceKind kind, String field, double min, double max) {
        cases.add(accept(kind, field, Details.number(min), min));
        cases.add(accept(kind, field, Details.number(max), max));
        cases.add(accept(kind, field, Details.number(max) + ".0", max));
        cases.add(accept(kind, field, Double.toString((min + max) / 2 + 0.25), (min + max) / 2 + 0.25));
        cases.add(accept(kind, field, "1.5e1", 15.0));
        cases.add(reject(kind, field, Double.toString(min - 0.001), RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, Double.toString(max + 0.001), RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, "1e999", RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, "-1e999", RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, "99999999999999999999999", RejectReason.OUT_OF_RANGE));
        cases.add(reject(kind, field, "\"" + Details.number(max) + "\"", RejectReason.WRONG_TYPE));
        commonWrongTypes(cases, kind, field);
    }

    private static void bool(List<Arguments> cases, DeviceKind kind, String field) {
        cases.add(accept(kind, field, "true", true));
        cases.add(accept(kind, field, "false", false));
        cases.add(reject(kind, field, "0", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "1", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "\"true\"", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, NULL, RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "{}", RejectReason.WRONG_TYPE));
    }

    private static void choice(List<Arguments> cases, DeviceKind kind, String field, List<String> allowed,
            List<String> refused) {
        allowed.forEach(value -> cases.add(accept(kind, field, str(value), value)));
        refused.forEach(value -> cases.add(reject(kind, field, str(value), RejectReason.OUT_OF_RANGE)));
        cases.add(reject(kind, field, "1", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, NULL, RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "[\"" + allowed.get(0) + "\"]", RejectReason.WRONG_TYPE));
    }

    private static void commonWrongTypes(List<Arguments> cases, DeviceKind kind, String field) {
        cases.add(reject(kind, field, NULL, RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "true", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "[1]", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "{\"value\":1}", RejectReason.WRONG_TYPE));
        cases.add(reject(kind, field, "\"hot\"", RejectReason.WRONG_TYPE));
    }

    private static Arguments accept(DeviceKind kind, String field, String raw, Object stored) {
        return Arguments.of(kind, field, raw, stored);
    }

    private static Arguments reject(DeviceKind kind, String field, String raw, RejectReason reason) {
        return Arguments.of(kind, field, raw, reason);
    }

    /** Verifies one field value: refused with the expected reason naming the field, or stored with its wire type. */
    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @MethodSource("fieldCases")
    void fieldValue(DeviceKind kind, String field, String raw, Object expected) {
        DecodeResult result = decodeStatus(with(status(kind), field, raw));

        if (expected instanceof RejectReason reason) {
            DecodeResult.Rejected rejected = assertRejected(result, reason);
            assertThat(rejected.detail()).startsWith(field + ": ").hasSizeLessThan(160);
        } else {
            StatusMessage message = assertAccepted(result, StatusMessage.class);
            assertThat(message.fields()).containsEntry(field, expected);
        }
    }

    /** Verifies that every field is optional: a status with only v, ts and kind is valid and has no fields. */
    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void everyFieldIsOptional(DeviceKind kind) {
        Map<String, String> minimal = Map.of("v", "1", "ts", Long.toString(TestPayloads.NOW),
                "kind", str(kind.wireName()));

        StatusMessage message = assertAccepted(decodeStatus(minimal), StatusMessage.class);

        assertThat(message.kind()).isEqualTo(kind);
        assertThat(message.fields()).isEmpty();
        assertThat(message.common()).isEqualTo(CommonStatus.empty());
        assertThat(message.detail()).isEqualTo(KindStatus.empty(kind));
    }

    /** Verifies that a full status of each kind decodes to exactly the expected records. */
    @Test
    void fullStatusOfEachKind() {
        CommonStatus common = new CommonStatus(Power.MAINS, 97, 41.5, -71, -96, 1234L);

        assertThat(decodeDetail(DeviceKind.LOUDSPEAKER))
                .isEqualTo(new LoudspeakerStatus(false, "news", 80, true, 4, 4));
        assertThat(decodeDetail(DeviceKind.WIFI)).isEqualTo(new WifiStatus(12, true, 35.2, 48.0));
        assertThat(decodeDetail(DeviceKind.CAMERA)).isEqualTo(new CameraStatus(true, 63.5, 25.0, 2048.0, false));
        assertThat(decodeDetail(DeviceKind.GATEWAY)).isEqualTo(new GatewayStatus(14, 0L, Uplink.FOUR_G));
        assertThat(assertAccepted(decodeStatus(status(DeviceKind.GATEWAY)), StatusMessage.class).common())
                .isEqualTo(common);
    }

    private static KindStatus decodeDetail(DeviceKind kind) {
        return assertAccepted(decodeStatus(status(kind)), StatusMessage.class).detail();
    }

    /** Verifies that fields of another kind and unknown fields are ignored, whatever their values. */
    @Test
    void foreignAndUnknownFieldsAreIgnored() {
        Map<String, String> camera = status(DeviceKind.CAMERA);
        camera = with(camera, "playing", "0");
        camera = with(camera, "uplink", "\"5g\"");
        camera = with(camera, "firmware", "{\"version\":[1,2,3],\"x\":null}");
        camera = with(camera, "deviceId", "\"someone-else\"");

        StatusMessage message = assertAccepted(decodeStatus(camera), StatusMessage.class);

        assertThat(message.deviceId()).isEqualTo(TestPayloads.DEVICE);
        assertThat(message.fields()).doesNotContainKeys("playing", "uplink", "firmware", "deviceId", "v", "ts",
                "kind");
    }

    /** Verifies the cross-field rule of loudspeakers: working horns cannot exceed installed horns. */
    @Test
    void hornsOkAtMostHornsTotal() {
        Map<String, String> base = status(DeviceKind.LOUDSPEAKER);

        assertAccepted(decodeStatus(with(with(base, "horns_ok", "0"), "horns_total", "0")), StatusMessage.class);
        assertAccepted(decodeStatus(with(base, "horns_ok", "3")), StatusMessage.class);
        assertAccepted(decodeStatus(without(with(base, "horns_ok", "64"), "horns_total")), StatusMessage.class);
        DecodeResult.Rejected rejected = assertRejected(decodeStatus(with(base, "horns_ok", "5")),
                RejectReason.OUT_OF_RANGE);
        assertThat(rejected.detail()).isEqualTo("horns_ok: 5 is above horns_total 4");
    }

    /** Verifies that {@code kind} is required and must name a known kind. */
    @Test
    void kindRules() {
        Map<String, String> base = status(DeviceKind.LOUDSPEAKER);

        assertRejected(decodeStatus(without(base, "kind")), RejectReason.MISSING_FIELD);
        for (String wrong : new String[] {"\"toaster\"", "\"Loudspeaker\"", "\"\"", "1", "null", "true", "[]"}) {
            assertRejected(decodeStatus(with(base, "kind", wrong)), RejectReason.WRONG_TYPE);
        }
    }

    /** Verifies that with several bad fields the first in wire order is reported. */
    @Test
    void firstBadFieldInWireOrderWins() {
        Map<String, String> base = status(DeviceKind.LOUDSPEAKER);
        Map<String, String> twoBad = with(with(base, "horns_total", "\"four\""), "temp_c", "500");

        assertThat(assertRejected(decodeStatus(twoBad), RejectReason.OUT_OF_RANGE).detail()).startsWith("temp_c:");
    }

    /** Verifies that details name the field and problem and keep device text short and printable. */
    @Test
    void detailsAreSafe() {
        Map<String, String> base = status(DeviceKind.LOUDSPEAKER);
        String hostile = "\n\u001b[31mevil\u202e" + "z".repeat(5000);

        DecodeResult.Rejected power = assertRejected(decodeStatus(with(base, "power", str(hostile))),
                RejectReason.OUT_OF_RANGE);
        DecodeResult.Rejected program = assertRejected(decodeStatus(with(base, "program", str(hostile))),
                RejectReason.OUT_OF_RANGE);

        assertThat(power.detail()).startsWith("power: \"??[31mevil?zz").endsWith("is not one of mains, battery, solar")
                .hasSizeLessThan(120).doesNotContain("\n", "\u001b", "\u202e");
        assertThat(program.detail()).isEqualTo("program: string of 5011 characters, longer than 256");
        assertThat(assertRejected(decodeStatus(with(base, "battery_pct", "101")), RejectReason.OUT_OF_RANGE)
                .detail()).isEqualTo("battery_pct: 101 is above 100");
        assertThat(assertRejected(decodeStatus(with(base, "temp_c", "\"41.5\"")), RejectReason.WRONG_TYPE)
                .detail()).isEqualTo("temp_c: expected a number, got a string");
    }
}

package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Verifies the enums' wire names and the records' structure checks and field maps. */
class ModelTest {

    /** Verifies the wire names of every enum and that fromWire inverts wireName, case-sensitively. */
    @Test
    void wireNames() {
        assertWireNames(Channel.values(), Channel::wireName, Channel::fromWire, List.of("status", "event", "state"));
        assertWireNames(Power.values(), Power::wireName, Power::fromWire, List.of("mains", "battery", "solar"));
        assertWireNames(EventType.values(), EventType::wireName, EventType::fromWire, List.of("power_lost",
                "power_restored", "broadcast_started", "broadcast_ended", "tamper", "reboot"));
        assertWireNames(ConnectionState.values(), ConnectionState::wireName, ConnectionState::fromWire,
                List.of("online", "offline"));
        assertWireNames(Uplink.values(), Uplink::wireName, Uplink::fromWire, List.of("4g", "fiber", "adsl"));
        assertWireNames(DeviceKind.values(), DeviceKind::wireName, DeviceKind::fromWire,
                List.of("loudspeaker", "wifi", "camera", "gateway"));
        assertThat(Power.fromWire("MAINS")).isEmpty();
        assertThat(Uplink.fromWire(null)).isEmpty();
    }

    private static <E> void assertWireNames(E[] values, Function<E, String> wireName,
            Function<String, Optional<E>> fromWire, List<String> expected) {
        assertThat(values).extracting(wireName::apply).containsExactlyElementsOf(expected);
        for (E value : values) {
            assertThat(fromWire.apply(wireName.apply(value))).contains(value);
        }
        assertThat(fromWire.apply("unknown")).isEmpty();
    }

    /** Verifies the metric tags of the reasons. */
    @Test
    void reasonTags() {
        assertThat(RejectReason.MALFORMED_JSON.tag()).isEqualTo("malformed_json");
        assertThat(RejectReason.TS_IN_FUTURE.tag()).isEqualTo("ts_in_future");
        assertThat(RejectReason.values()).hasSize(14)
                .allSatisfy(reason -> assertThat(reason.tag()).isEqualTo(reason.name().toLowerCase()));
    }

    /** Verifies the structure checks of the message records. */
    @Test
    void recordChecks() {
        assertThatThrownBy(() -> new StatusMessage("d", 1, DeviceKind.CAMERA, null, KindStatus.empty(DeviceKind.WIFI)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusMessage(null, 1, DeviceKind.CAMERA, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StatusMessage("d", 1, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventMessage("d", 1, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StateMessage("d", 1L, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DecodeResult.Rejected(null, "x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DecodeResult.Accepted(null)).isInstanceOf(NullPointerException.class);

        StatusMessage bare = new StatusMessage("d", 1, DeviceKind.GATEWAY, null, null);
        assertThat(bare.common()).isEqualTo(CommonStatus.empty());
        assertThat(bare.detail()).isEqualTo(new GatewayStatus(null, null, null));
        assertThat(bare.channel()).isEqualTo(Channel.STATUS);
        assertThat(bare.timestampOr(99)).isEqualTo(1);
        assertThat(new DecodeResult.Accepted(bare).deviceId()).isEqualTo("d");
    }

    /** Verifies the order and the types of {@code fields()}: wire order, Long, Double, Boolean, String. */
    @Test
    void fieldsInWireOrderWithStorageTypes() {
        StatusMessage status = new StatusMessage("d", 1, DeviceKind.LOUDSPEAKER,
                new CommonStatus(Power.BATTERY, 40, 41.0, -80, -100, 9L),
                new LoudspeakerStatus(true, "p", 70, false, 2, 3));
        StatusMessage gateway = new StatusMessage("d", 1, DeviceKind.GATEWAY, null,
                new GatewayStatus(3, 12L, Uplink.FIBER));

        assertThat(status.fields()).containsExactly(Map.entry("power", "battery"), Map.entry("battery_pct", 40L),
                Map.entry("temp_c", 41.0), Map.entry("rssi_dbm", -80L), Map.entry("rsrp_dbm", -100L),
                Map.entry("uptime_s", 9L), Map.entry("playing", true), Map.entry("program", "p"),
                Map.entry("volume_pct", 70L), Map.entry("amp_ok", false), Map.entry("horns_ok", 2L),
                Map.entry("horns_total", 3L));
        assertThat(gateway.fields()).containsExactly(Map.entry("devices", 3L), Map.entry("spool_depth", 12L),
                Map.entry("uplink", "fiber"));
        assertThatThrownBy(() -> status.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}

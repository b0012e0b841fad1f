package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.protocol.TestPayloads.NOW;
import static vn.commune.telemetry.protocol.TestPayloads.assertAccepted;
import static vn.commune.telemetry.protocol.TestPayloads.assertRejected;
import static vn.commune.telemetry.protocol.TestPayloads.decode;
import static vn.commune.telemetry.protocol.TestPayloads.str;
import static vn.commune.telemetry.protocol.TestPayloads.with;
import static vn.commune.telemetry.protocol.TestPayloads.without;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Verifies event and state payloads, including the Will. */
class EventAndStateTest {

    /** Verifies that every event type is accepted by its wire name. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventType(EventType type) {
        EventMessage event = assertAccepted(decode(Channel.EVENT, TestPayloads.event(type.wireName())),
                EventMessage.class);

        assertThat(event).isEqualTo(new EventMessage(TestPayloads.DEVICE, NOW, type, null, null, null));
        assertThat(event.fields()).isEmpty();
    }

    /** Verifies the optional event fields and their storage typing. */
    @Test
    void optionalEventFields() {
        Map<String, String> payload = TestPayloads.event("broadcast_started");
        payload = with(payload, "program", str("Bản tin sáng"));
        payload = with(payload, "battery_pct", "55");
        payload = with(payload, "detail", str("slot 06:00–06:30"));
        payload = with(payload, "kind", str("loudspeaker"));

        EventMessage event = assertAccepted(decode(Channel.EVENT, payload), EventMessage.class);

        assertThat(event).isEqualTo(new EventMessage(TestPayloads.DEVICE, NOW, EventType.BROADCAST_STARTED,
                "Bản tin sáng", 55, "slot 06:00–06:30"));
        assertThat(event.fields()).containsExactly(Map.entry("program", "Bản tin sáng"),
                Map.entry("battery_pct", 55L), Map.entry("detail", "slot 06:00–06:30"));
    }

    /** Verifies the event rules: type required, unknown type out of range, typed optional fields. */
    @Test
    void eventRules() {
        Map<String, String> base = TestPayloads.event("tamper");

        assertRejected(decode(Channel.EVENT, without(base, "type")), RejectReason.MISSING_FIELD);
        assertRejected(decode(Channel.EVENT, with(base, "type", str("explode"))), RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.EVENT, with(base, "type", str("POWER_LOST"))), RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.EVENT, with(base, "type", "3")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.EVENT, with(base, "type", "null")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.EVENT, without(base, "ts")), RejectReason.MISSING_FIELD);
        assertRejected(decode(Channel.EVENT, with(base, "battery_pct", "101")), RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.EVENT, with(base, "battery_pct", "50.5")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.EVENT, with(base, "program", str("p".repeat(257)))),
                RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.EVENT, with(base, "detail", "{}")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.EVENT, with(base, "detail", str("d".repeat(300)))),
                RejectReason.OUT_OF_RANGE);
    }

    /** Verifies both states with a timestamp. */
    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void stateWithTimestamp(ConnectionState state) {
        StateMessage message = assertAccepted(decode(Channel.STATE, TestPayloads.state(state.wireName())),
                StateMessage.class);

        assertThat(message).isEqualTo(new StateMessage(TestPayloads.DEVICE, NOW, state));
        assertThat(message.isWill()).isFalse();
        assertThat(message.timestampOr(42L)).isEqualTo(NOW);
    }

    /** Verifies the Will: offline without ts, stamped by the receiver. */
    @Test
    void willHasNoTimestamp() {
        StateMessage will = assertAccepted(decode(Channel.STATE, Map.of("v", "1", "state", str("offline"))),
                StateMessage.class);

        assertThat(will).isEqualTo(StateMessage.will(TestPayloads.DEVICE));
        assertThat(will.ts()).isNull();
        assertThat(will.isWill()).isTrue();
        assertThat(will.timestampOr(42L)).isEqualTo(42L);
    }

    /** Verifies the state rules: state required and one of two values; ts optional but checked when present. */
    @Test
    void stateRules() {
        Map<String, String> base = TestPayloads.state("online");

        assertRejected(decode(Channel.STATE, without(base, "state")), RejectReason.MISSING_FIELD);
        assertRejected(decode(Channel.STATE, with(base, "state", str("sleeping"))), RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.STATE, with(base, "state", str("Online"))), RejectReason.OUT_OF_RANGE);
        assertRejected(decode(Channel.STATE, with(base, "state", "true")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.STATE, with(base, "ts", "null")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.STATE, with(base, "ts", "\"now\"")), RejectReason.WRONG_TYPE);
        assertRejected(decode(Channel.STATE, with(base, "ts", "0")), RejectReason.TS_TOO_OLD);
        assertRejected(decode(Channel.STATE, with(base, "ts", Long.toString(NOW + 3_600_000))),
                RejectReason.TS_IN_FUTURE);
        assertAccepted(decode(Channel.STATE, without(base, "ts")), StateMessage.class);
    }
}

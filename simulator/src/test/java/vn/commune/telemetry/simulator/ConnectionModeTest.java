package vn.commune.telemetry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Verifies the connection modes and how auto resolves. */
class ConnectionModeTest {

    /** Verifies parsing and printing. */
    @Test
    void parses() {
        assertThat(ConnectionMode.parse("per-device")).isEqualTo(ConnectionMode.perDevice());
        assertThat(ConnectionMode.parse("pooled")).isEqualTo(ConnectionMode.pooled(16));
        assertThat(ConnectionMode.parse("pooled:4")).hasToString("pooled:4");
        assertThat(ConnectionMode.parse("auto")).isEqualTo(ConnectionMode.auto());
        assertThatThrownBy(() -> ConnectionMode.parse("pooled:0")).hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> ConnectionMode.parse("shared")).hasMessageContaining("per-device, pooled");
    }

    /** Verifies that auto is per-device up to 2,000 devices and a pool of 16 above. */
    @Test
    void autoResolves() {
        assertThat(ConnectionMode.auto().resolve(2_000)).isEqualTo(ConnectionMode.perDevice());
        assertThat(ConnectionMode.auto().resolve(2_001)).isEqualTo(ConnectionMode.pooled(16));
        assertThat(ConnectionMode.pooled(3).resolve(10)).isEqualTo(ConnectionMode.pooled(3));
    }
}

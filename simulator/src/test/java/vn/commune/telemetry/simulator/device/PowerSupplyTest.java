package vn.commune.telemetry.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.Power;

/** Verifies the battery: drain during a cut, the instant it runs out, recharge, solar. */
class PowerSupplyTest {

    private static final long HOUR = 3_600_000;
    private static final long T0 = 1_795_392_000_000L;

    /** Verifies that a mains battery drains linearly during a cut and runs out after its autonomy. */
    @Test
    void drainsDuringACutAndRunsOut() {
        PowerSupply power = new PowerSupply(false, 4, 70, T0);
        assertThat(power.source()).isEqualTo(Power.MAINS);
        assertThat(power.emptyAt()).isEqualTo(Long.MAX_VALUE);

        assertThat(power.cutStarts(T0 + HOUR)).isTrue();
        assertThat(power.source()).isEqualTo(Power.BATTERY);
        assertThat(power.emptyAt()).isEqualTo(T0 + 5 * HOUR);
        assertThat(power.percent(T0 + 3 * HOUR)).isEqualTo(50);
        assertThat(power.cutStarts(T0 + 3 * HOUR)).as("overlapping cut").isFalse();
        assertThat(power.cutEnds(T0 + 3 * HOUR)).isFalse();

        power.drained(T0 + 5 * HOUR);
        assertThat(power.empty()).isTrue();
        assertThat(power.percent(T0 + 6 * HOUR)).isZero();
        assertThat(power.cutEnds(T0 + 6 * HOUR)).isTrue();
        assertThat(power.empty()).isFalse();
        assertThat(power.percent(T0 + 8 * HOUR)).isEqualTo(40);
        assertThat(power.percent(T0 + 20 * HOUR)).isEqualTo(100);
    }

    /** Verifies that the generation changes with every cut start and end, so stale empty events are ignored. */
    @Test
    void generationChanges() {
        PowerSupply power = new PowerSupply(false, 4, 70, T0);
        long before = power.generation();
        power.cutStarts(T0);
        long during = power.generation();
        power.cutEnds(T0 + HOUR);
        assertThat(during).isNotEqualTo(before);
        assertThat(power.generation()).isNotEqualTo(during);
    }

    /** Verifies that a solar battery follows the sun, never empties, and ignores grid cuts. */
    @Test
    void solarFollowsTheSun() {
        PowerSupply power = new PowerSupply(true, 4, 70, T0);
        assertThat(power.cutStarts(T0)).isFalse();
        assertThat(power.source()).isEqualTo(Power.SOLAR);
        int min = 100;
        int max = 0;
        for (long t = T0; t < T0 + 48 * HOUR; t += HOUR) {
            int pct = power.percent(t);
            min = Math.min(min, pct);
            max = Math.max(max, pct);
        }
        assertThat(min).isGreaterThan(40);
        assertThat(max - min).isGreaterThan(30);
        assertThat(power.emptyAt()).isEqualTo(Long.MAX_VALUE);
    }
}

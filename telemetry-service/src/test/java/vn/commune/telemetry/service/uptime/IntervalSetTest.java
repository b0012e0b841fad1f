package vn.commune.telemetry.service.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalSetTest {

    /** Verifies that overlapping and touching intervals merge, empty ones vanish. */
    @Test
    void unionMergesOverlapsAndTouches() {
        IntervalSet set = IntervalSet.union(List.of(new long[] {10, 20}, new long[] {15, 30}, new long[] {30, 40},
                new long[] {50, 50}, new long[] {0, 5}));

        assertThat(set.toString()).isEqualTo("{[0, 5), [10, 40)}");
        assertThat(set.measure()).isEqualTo(35);
    }

    /** Verifies intersection, difference, complement and clipping, with shared edges. */
    @Test
    void setAlgebra() {
        IntervalSet a = IntervalSet.union(List.of(new long[] {0, 10}, new long[] {20, 30}));
        IntervalSet b = IntervalSet.of(10, 25);

        assertThat(a.and(b).toString()).isEqualTo("{[20, 25)}");
        assertThat(a.or(b).toString()).isEqualTo("{[0, 30)}");
        assertThat(a.minus(b).toString()).isEqualTo("{[0, 10), [25, 30)}");
        assertThat(a.complement(-5, 35).toString()).isEqualTo("{[-5, 0), [10, 20), [30, 35)}");
        assertThat(a.clip(5, 22).toString()).isEqualTo("{[5, 10), [20, 22)}");
        assertThat(a.contains(10)).isFalse();
        assertThat(a.contains(20)).isTrue();
        assertThat(a.contains(29)).isTrue();
        assertThat(IntervalSet.EMPTY.complement(0, 5)).isEqualTo(IntervalSet.of(0, 5));
    }
}

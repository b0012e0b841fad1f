package vn.commune.telemetry.simulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Verifies the simulated clock and the agenda's order. */
class SimClockTest {

    /** Verifies that simulated time runs speed times as fast as the (fake) wall clock from begin(). */
    @Test
    void runsAtSpeed() {
        AtomicLong wall = new AtomicLong(5_000_000_000L);
        SimClock clock = new SimClock(1_000_000, 60, wall::get);
        assertThat(clock.nowMillis()).isEqualTo(1_000_000);

        clock.begin();
        wall.addAndGet(2_000_000_000L);

        assertThat(clock.nowMillis()).isEqualTo(1_000_000 + 120_000);
        assertThat(clock.nanosUntil(1_000_000 + 180_000)).isEqualTo(1_000_000_000L);
        assertThat(clock.nanosUntil(1_000_000 + 60_000)).isZero();
    }

    /** Verifies that an unpaced clock never waits and has no present. */
    @Test
    void unpacedNeverWaits() {
        SimClock clock = new SimClock(0, Double.POSITIVE_INFINITY, System::nanoTime);
        clock.begin();
        assertThat(clock.unpaced()).isTrue();
        assertThat(clock.nanosUntil(Long.MAX_VALUE / 2)).isZero();
        assertThatThrownBy(clock::nowMillis).isInstanceOf(IllegalStateException.class);
    }

    /** Verifies that the agenda runs actions by time, and at the same time in the order they were scheduled. */
    @Test
    void agendaOrder() {
        EventQueue queue = new EventQueue();
        StringBuilder order = new StringBuilder();
        queue.at(20, () -> order.append('c'));
        queue.at(10, () -> order.append('a'));
        queue.at(20, () -> order.append('d'));
        queue.at(10, () -> order.append('b'));
        while (queue.size() > 0) {
            queue.poll().run();
        }
        assertThat(order).hasToString("abcd");
        assertThat(queue.nextTime()).isEqualTo(Long.MAX_VALUE);
    }

    /** Verifies the local hour in Vietnam (UTC+7). */
    @Test
    void localHour() {
        assertThat(DayCycle.hour(0)).isEqualTo(7.0);
        assertThat(DayCycle.wave(-7 * 3_600_000L + 14 * 3_600_000L, 14)).isEqualTo(1.0);
    }
}

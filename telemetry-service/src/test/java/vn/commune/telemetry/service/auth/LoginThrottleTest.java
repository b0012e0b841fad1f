package vn.commune.telemetry.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Login throttling per username and per address. */
class LoginThrottleTest {

    /**
     * Verifies five free failures, then a minute's wait doubling per failure up to fifteen, per username and per
     * address; a success clears the username only; quiet for the window clears both.
     */
    @Test
    void waitsGrowAndClear() {
        AtomicLong now = new AtomicLong(1_000_000);
        LoginThrottle throttle = new LoginThrottle(now::get);
        for (int i = 0; i < 4; i++) {
            throttle.failed("binh", "10.0.0.5");
        }
        assertThat(throttle.waitMillis("binh", "10.0.0.5")).isZero();
        throttle.failed("binh", "10.0.0.5");
        assertThat(throttle.waitMillis("binh", "10.0.0.9")).as("the username, from anywhere").isEqualTo(60_000);
        assertThat(throttle.waitMillis("hoa", "10.0.0.5")).as("the address, for any username").isEqualTo(60_000);
        assertThat(throttle.waitMillis("hoa", "10.0.0.9")).isZero();
        now.addAndGet(60_000);
        throttle.failed("binh", "10.0.0.5");
        assertThat(throttle.waitMillis("binh", "10.0.0.9")).isEqualTo(120_000);
        for (int i = 0; i < 10; i++) {
            throttle.failed("binh", "10.0.0.5");
        }
        assertThat(throttle.waitMillis("binh", "10.0.0.9")).isEqualTo(15 * 60_000);

        throttle.succeeded("binh");
        assertThat(throttle.waitMillis("binh", "10.0.0.9")).isZero();
        assertThat(throttle.waitMillis("hoa", "10.0.0.5")).as("the address still waits").isPositive();
        now.addAndGet(15 * 60_000 + 1);
        assertThat(throttle.waitMillis("hoa", "10.0.0.5")).isZero();
    }
}

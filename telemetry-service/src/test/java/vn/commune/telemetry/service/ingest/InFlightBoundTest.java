package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightBoundTest {

    /** Verifies that no place is taken beyond the bound and that a released place can be taken again. */
    @Test
    void takesUpToTheBound() {
        InFlightBound bound = new InFlightBound(3, 1);

        assertThat(bound.tryTake()).isTrue();
        assertThat(bound.tryTake()).isTrue();
        assertThat(bound.tryTake()).isTrue();
        assertThat(bound.tryTake()).isFalse();
        assertThat(bound.held()).isEqualTo(3);

        bound.release();
        assertThat(bound.held()).isEqualTo(2);
        assertThat(bound.tryTake()).isTrue();
    }

    /** Verifies that there is room for a waiter only once the count is down to the low-water mark. */
    @Test
    void roomAtTheLowWaterMark() throws InterruptedException {
        // Given a full bound of 10 with its low-water mark at 8
        InFlightBound bound = new InFlightBound(10, 8);
        for (int i = 0; i < 10; i++) {
            bound.tryTake();
        }

        // When one is released, Then there is no room yet; at two there is
        bound.release();
        assertThat(bound.awaitRoom(0, TimeUnit.SECONDS)).isFalse();
        bound.release();
        assertThat(bound.awaitRoom(0, TimeUnit.SECONDS)).isTrue();
    }

    /** Verifies that a waiting reader is woken by the release that reaches the low-water mark. */
    @Test
    void releaseWakesTheWaiter() {
        InFlightBound bound = new InFlightBound(4, 2);
        for (int i = 0; i < 4; i++) {
            bound.tryTake();
        }
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(() -> {
            try {
                return bound.awaitRoom(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        bound.release();
        bound.release();

        assertThat(room.join()).isTrue();
        assertThat(bound.held()).isEqualTo(2);
    }

    /** Verifies that the low-water mark must lie below the bound. */
    @Test
    void lowWaterBelowTheBound() {
        assertThatThrownBy(() -> new InFlightBound(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBound(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightBound(5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

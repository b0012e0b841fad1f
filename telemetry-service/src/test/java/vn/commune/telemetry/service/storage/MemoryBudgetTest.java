package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bound on points in memory: who waits, and in which order they are let in. */
@ExtendWith(VertxExtension.class)
class MemoryBudgetTest {

    /** Verifies that calls wait first come, first served once the bound is reached, and are taken as room frees. */
    @Test
    void callsWaitInOrderUntilRoomFrees(Vertx vertx) {
        List<Integer> taken = new ArrayList<>();
        List<PendingWrite> writes = new ArrayList<>();
        MemoryBudget budget = new MemoryBudget(vertx, 100, StorageMetrics.NOOP,
                (write, lines) -> taken.add(writes.indexOf(write)), () -> "test");
        for (int i = 0; i < 5; i++) {
            PendingWrite write = new PendingWrite(60);
            writes.add(write);
            budget.admit(write, StorageFixtures.lines("m", i * 60, 60));
        }
        // 60 fit, the second call overshoots to 120, the rest wait
        assertThat(taken).containsExactly(0, 1);
        assertThat(budget.used()).isEqualTo(120);
        assertThat(budget.backPressured()).isTrue();

        budget.release(60);
        assertThat(taken).containsExactly(0, 1, 2);
        budget.release(60);
        assertThat(taken).containsExactly(0, 1, 2, 3);
        assertThat(budget.backPressured()).isTrue();

        budget.admitAll();
        assertThat(taken).containsExactly(0, 1, 2, 3, 4);
        assertThat(budget.backPressured()).isFalse();
        assertThat(budget.used()).isEqualTo(180);
    }
}

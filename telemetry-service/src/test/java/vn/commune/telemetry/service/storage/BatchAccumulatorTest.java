package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batching by size and by linger time, with one caller's lines spread over several batches. */
@ExtendWith(VertxExtension.class)
class BatchAccumulatorTest {

    /** Verifies that full batches are sealed at once and the rest after the linger time. */
    @Test
    void sealsBySizeThenByLinger(Vertx vertx) {
        List<Batch> sealed = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();
        BatchAccumulator accumulator = new BatchAccumulator(vertx, 3, Duration.ofMillis(500), sealed::add);
        PendingWrite write = new PendingWrite(7);
        context.runOnContext(v -> accumulator.add(write, StorageFixtures.lines("m", 0, 7)));

        long start = System.nanoTime();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5))
                .until(() -> sealed.size() >= 2);
        if (Duration.ofNanos(System.nanoTime() - start).toMillis() < 400) {
            assertThat(sealed).extracting(Batch::size).containsExactly(3, 3);
        }
        assertThat(write.future().isComplete()).isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> sealed.size() == 3);
        assertThat(sealed.get(2).pending()).containsExactly(StorageFixtures.lines("m", 6, 1).get(0));

        context.runOnContext(v -> sealed.forEach(Batch::completed));
        await().atMost(Duration.ofSeconds(5)).until(() -> write.future().succeeded());
    }

    /**
     * Verifies that an overdue batch that could not leave (every write busy) goes on filling up to the batch size, and
     * is sealed as soon as it can leave.
     */
    @Test
    void lingeringBatchFillsWhileItCannotLeave(Vertx vertx) {
        List<Batch> sealed = new CopyOnWriteArrayList<>();
        AtomicBoolean canLeave = new AtomicBoolean(false);
        AtomicBoolean overdue = new AtomicBoolean(false);
        Context context = vertx.getOrCreateContext();
        BatchAccumulator accumulator = new BatchAccumulator(vertx, 10, Duration.ofMillis(20), sealed::add,
                () -> {
                    overdue.set(true);
                    return canLeave.get();
                });
        context.runOnContext(v -> accumulator.add(new PendingWrite(4), StorageFixtures.lines("m", 0, 4)));
        // the linger time is up (the accumulator asked whether the batch can leave), but it cannot
        await().atMost(Duration.ofSeconds(5)).untilTrue(overdue);
        assertThat(sealed).isEmpty();

        // it goes on filling, and a full batch is sealed regardless
        context.runOnContext(v -> accumulator.add(new PendingWrite(8), StorageFixtures.lines("m", 4, 8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sealed.size() == 1);
        assertThat(sealed.get(0).size()).isEqualTo(10);

        // the rest (2) is sealed once overdue and able to leave
        canLeave.set(true);
        context.runOnContext(v -> accumulator.flushIfOverdue());
        await().atMost(Duration.ofSeconds(5)).until(() -> sealed.size() == 2);
        assertThat(sealed.get(1).size()).isEqualTo(2);
    }

    /** Verifies that a caller's write completes only when every batch holding its lines is durable. */
    @Test
    void writeCompletesWithItsLastBatch(Vertx vertx) {
        List<Batch> sealed = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();
        BatchAccumulator accumulator = new BatchAccumulator(vertx, 4, Duration.ZERO, sealed::add);
        PendingWrite first = new PendingWrite(3);
        PendingWrite second = new PendingWrite(5);
        context.runOnContext(v -> {
            accumulator.add(first, StorageFixtures.lines("m", 0, 3));
            accumulator.add(second, StorageFixtures.lines("m", 3, 5));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> sealed.size() == 3);
        assertThat(sealed).extracting(Batch::size).containsExactly(3, 4, 1);

        context.runOnContext(v -> {
            sealed.get(0).completed();
            sealed.get(1).completed();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> first.future().succeeded());
        assertThat(second.future().isComplete()).isFalse();
        context.runOnContext(v -> sealed.get(2).completed());
        await().atMost(Duration.ofSeconds(5)).until(() -> second.future().succeeded());
    }
}

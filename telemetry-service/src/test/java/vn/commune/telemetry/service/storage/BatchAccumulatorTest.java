package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

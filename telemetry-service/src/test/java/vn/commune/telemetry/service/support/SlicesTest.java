package vn.commune.telemetry.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work over many items on the event loop, in slices with other events between them. */
class SlicesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Verifies that every item is done once, in order, and that cheap items share a slice. */
    @Test
    void everyItemInOrder() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<String> between = new ArrayList<>();
        Future<Void> done = onLoop(() -> {
            vertx.runOnContext(v -> between.add("after " + seen.size()));
            return Slices.forEach(vertx, IntStream.range(0, 1_000).boxed().iterator(), seen::add);
        });

        done.await(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
        assertThat(between).as("1,000 cheap items fit one slice").containsExactly("after 1000");
    }

    /** Verifies that an item taking longer than a slice lets other events run before the next one. */
    @Test
    void slowItemsYieldTheLoop() throws Exception {
        List<String> order = new ArrayList<>();
        Future<Void> done = onLoop(() -> Slices.forEach(vertx, List.of(1, 2, 3).iterator(), item -> {
            order.add("item " + item);
            vertx.runOnContext(v -> order.add("event after " + item));
            busy(Slices.SLICE_MILLIS + 5);
        }));

        done.await(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("item 1", "event after 1", "item 2", "event after 2", "item 3",
                "event after 3");
    }

    /** Verifies that an exception fails the Future and stops the work. */
    @Test
    void failureStops() throws Exception {
        List<Integer> seen = new ArrayList<>();
        Future<Void> done = onLoop(() -> Slices.forEach(vertx, List.of(1, 2, 3).iterator(), item -> {
            if (item == 2) {
                throw new IllegalStateException("bad item");
            }
            seen.add(item);
        }));

        assertThat(done.transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause())
                .hasMessage("bad item");
        assertThat(seen).containsExactly(1);
    }

    /**
     * Runs {@code work} on the event loop; the Future completes after it and after every event queued before its end
     * (so that the test thread reads the lists only once the loop is done with them).
     */
    private Future<Void> onLoop(java.util.function.Supplier<Future<Void>> work) throws Exception {
        io.vertx.core.Promise<Void> result = io.vertx.core.Promise.promise();
        vertx.runOnContext(v -> work.get().onComplete(done -> vertx.runOnContext(after -> result.handle(done))));
        return result.future();
    }

    /** Keeps the thread busy for {@code millis}, as a costly item does (the event loop's own CPU). */
    private static void busy(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}

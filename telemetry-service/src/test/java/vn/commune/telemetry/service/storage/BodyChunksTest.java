package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-memory request body as a stream: chunks in order, only on demand, the end once and last. */
@ExtendWith(VertxExtension.class)
class BodyChunksTest {

    private static final List<Buffer> CHUNKS = List.of(Buffer.buffer("a"), Buffer.buffer("bb"), Buffer.buffer("ccc"));

    /** Verifies that a paused stream gives one chunk per fetched one, then the rest on resume, then its end. */
    @Test
    void followsDemand(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        List<String> seen = new CopyOnWriteArrayList<>();
        BodyChunks[] body = new BodyChunks[1];
        context.runOnContext(ignored -> {
            body[0] = new BodyChunks(context, CHUNKS);
            body[0].pause();
            body[0].endHandler(end -> seen.add("end"));
            body[0].handler(chunk -> seen.add(chunk.toString()));
            // nothing from inside the calls that set it up, even with demand
            body[0].fetch(1);
            assertThat(seen).isEmpty();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        context.runOnContext(ignored -> body[0].fetch(0));
        context.runOnContext(ignored -> assertThat(seen).containsExactly("a"));
        context.runOnContext(ignored -> body[0].resume());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly("a", "bb", "ccc", "end");
        assertThat(body[0].length()).isEqualTo(6);
    }

    /** Verifies that an empty body only ends, once. */
    @Test
    void emptyBodyEnds(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        List<String> seen = new CopyOnWriteArrayList<>();
        context.runOnContext(ignored -> {
            BodyChunks body = new BodyChunks(context, List.of());
            body.endHandler(end -> seen.add("end"));
            body.handler(chunk -> seen.add(chunk.toString()));
            body.resume();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        context.runOnContext(ignored -> seen.add("later"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("end", "later");
    }
}

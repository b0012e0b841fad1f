package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter file: one JSON object per rejected point, bounded by rotation. */
@ExtendWith(VertxExtension.class)
class DeadLetterFileTest {

    @TempDir
    Path dir;

    /** Verifies that each letter is a JSON line with ts_received, reason and line, in a directory made for it. */
    @Test
    void writesJsonLines(Vertx vertx) throws IOException {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("dead-letter-test-" + System.nanoTime(), 1);
        Path file = dir.resolve("sub/dead-letter.jsonl");
        DeadLetterFile letters = new DeadLetterFile(file, 1 << 20, worker);
        await(letters.append(List.of(new DeadLetterFile.DeadLetter(1234L, "field type conflict", "m f=\"x\" 1"),
                new DeadLetterFile.DeadLetter(1235L, "unable to parse", "m,t= f=1 2"))));
        await(letters.close());
        await(worker.close());

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonObject first = new JsonObject(lines.get(0));
        assertThat(first.getLong("ts_received")).isEqualTo(1234L);
        assertThat(first.getString("reason")).isEqualTo("field type conflict");
        assertThat(first.getString("line")).isEqualTo("m f=\"x\" 1");
        assertThat(new JsonObject(lines.get(1)).getString("line")).isEqualTo("m,t= f=1 2");
    }

    /** Verifies that past its bound the file moves to .1 and a new one begins. */
    @Test
    void rotatesAtItsBound(Vertx vertx) throws IOException {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("dead-letter-test-" + System.nanoTime(), 1);
        Path file = dir.resolve("dead-letter.jsonl");
        DeadLetterFile letters = new DeadLetterFile(file, 300, worker);
        for (int i = 0; i < 10; i++) {
            await(letters.append(List.of(new DeadLetterFile.DeadLetter(i, "bad", "m f=\"" + "x".repeat(50) + "\""))));
        }
        await(letters.close());
        await(worker.close());

        assertThat(file.resolveSibling("dead-letter.jsonl.1")).exists();
        assertThat(Files.size(file)).isLessThanOrEqualTo(300);
        assertThat(Files.size(file.resolveSibling("dead-letter.jsonl.1"))).isLessThanOrEqualTo(300);
    }
}

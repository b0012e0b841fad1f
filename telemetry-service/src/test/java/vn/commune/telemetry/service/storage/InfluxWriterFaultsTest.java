package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.lines;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The writer against answers a real InfluxDB gives only in bad moments: 413, 429, 503 and 403. */
@ExtendWith(VertxExtension.class)
class InfluxWriterFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Vertx vertx;
    private FakeInflux fake;
    private InfluxWriter writer;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.fake = FakeInflux.start(vertx);
        this.registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        if (writer != null) {
            await(writer.close());
        }
        fake.close();
    }

    private void startWriter(StorageFixtures.Builder builder) {
        StorageConfig config = builder.build();
        writer = new InfluxWriter(vertx, new InfluxHttpClient(vertx, config), config,
                StorageMetrics.micrometer(registry));
        await(writer.start());
    }

    private double retries(String outcome) {
        return registry.get("ct.storage.write.retries").tag("outcome", outcome).counter().count();
    }

    /** Verifies that 413 splits batches until they fit, and a single line too large is dead-lettered. */
    @Test
    void tooLargeIsSplit() throws IOException {
        fake.respond(request -> Future.succeededFuture(request.bodyBytes() > 2000
                ? FakeInflux.Answer.error(413, "Request Entity Too Large") : FakeInflux.Answer.of(204)));
        startWriter(StorageFixtures.config(fake.url(), "db", dir).batchSize(500));

        List<String> points = new ArrayList<>(lines("m", 0, 1000));
        String huge = "m,device=big f=\"" + "x".repeat(3000) + "\" " + StorageFixtures.BASE_TS;
        points.add(321, huge);
        await(writer.write(points));

        assertThat(fake.stored()).hasSize(1000).doesNotContain(huge);
        assertThat(fake.writes()).filteredOn(r -> r.bodyBytes() > 2000).isNotEmpty();
        List<String> letters = Files.readAllLines(dir.resolve("dead-letter.jsonl"));
        assertThat(letters).hasSize(1);
        assertThat(new JsonObject(letters.get(0)).getString("reason")).contains("413");
        assertThat(writer.spooledBatches()).isZero();
    }

    /** Verifies that 429 spools the batch and the next attempt waits for Retry-After, longer than retryMax. */
    @Test
    void throttledHonoursRetryAfter() {
        AtomicInteger throttled = new AtomicInteger(2);
        fake.respond(request -> Future.succeededFuture(!request.path().endsWith("/write")
                ? FakeInflux.Answer.of(204)
                : throttled.getAndDecrement() > 0 ? new FakeInflux.Answer(429, "slow down", Map.of("Retry-After", "1"))
                : FakeInflux.Answer.of(204)));
        startWriter(StorageFixtures.config(fake.url(), "db", dir).retry(Duration.ofMillis(20),
                Duration.ofMillis(100)));

        await(writer.write(lines("m", 0, 300)));
        await().atMost(WAIT).until(() -> fake.stored().size() == 300 && writer.spooledBatches() == 0);

        List<FakeInflux.Request> writes = fake.writes();
        assertThat(writes).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < 3; i++) {
            long gapMillis = (writes.get(i).receivedAtNanos() - writes.get(i - 1).receivedAtNanos()) / 1_000_000;
            assertThat(gapMillis).as("wait before attempt %d", i + 1).isGreaterThanOrEqualTo(950);
        }
        assertThat(retries("throttled")).isEqualTo(2);
    }

    /** Verifies that 503 with an HTTP-date Retry-After is retried from the spool after that date. */
    @Test
    void unavailableHonoursRetryAfterDate() {
        AtomicInteger unavailable = new AtomicInteger(1);
        fake.respond(request -> {
            if (!request.path().endsWith("/write") || unavailable.getAndDecrement() <= 0) {
                return Future.succeededFuture(FakeInflux.Answer.of(204));
            }
            String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
            return Future.succeededFuture(new FakeInflux.Answer(503, "maintenance", Map.of("Retry-After",
                    inTwoSeconds)));
        });
        startWriter(StorageFixtures.config(fake.url(), "db", dir).retry(Duration.ofMillis(20),
                Duration.ofMillis(100)));

        await(writer.write(lines("m", 0, 100)));
        assertThat(writer.spooledBatches()).isEqualTo(1);
        assertThat(writer.influxReachable()).isFalse();
        await().atMost(WAIT).until(() -> fake.stored().size() == 100 && writer.spooledBatches() == 0);
        List<FakeInflux.Request> writes = fake.writes();
        long gapMillis = (writes.get(1).receivedAtNanos() - writes.get(0).receivedAtNanos()) / 1_000_000;
        assertThat(gapMillis).isGreaterThanOrEqualTo(900);
        assertThat(writer.influxReachable()).isTrue();
        assertThat(retries("server_error")).isEqualTo(1);
    }

    /** Verifies that a configuration fault (403) keeps good data in the spool instead of dead-lettering it. */
    @Test
    void forbiddenIsSpooledNotDeadLettered() {
        fake.answerWrites(FakeInflux.Answer.error(403, "authorization failed"));
        startWriter(StorageFixtures.config(fake.url(), "db", dir).batchSize(100));

        List<Future<Void>> writes = new ArrayList<>();
        for (int call = 0; call < 5; call++) {
            writes.add(writer.write(lines("m", call * 100, 100)));
        }
        await(Future.all(writes));
        assertThat(writer.spooledBatches()).isEqualTo(5);
        await().atMost(WAIT).until(() -> retries("config") >= 3);
        assertThat(fake.stored()).isEmpty();
        assertThat(dir.resolve("dead-letter.jsonl")).doesNotExist();

        // When the operator fixes the token, the spool drains
        fake.answerWrites(FakeInflux.Answer.of(204));
        await().atMost(WAIT).until(() -> writer.spooledBatches() == 0);
        assertThat(fake.stored()).hasSize(500);
    }

    /** Verifies that when the spool cannot be written, batches stay in memory, pending, until InfluxDB takes them. */
    @Test
    void unwritableSpoolKeepsBatchesInMemory() throws IOException {
        fake.answerWrites(FakeInflux.Answer.error(503, "overloaded"));
        startWriter(StorageFixtures.config(fake.url(), "db", dir));
        Files.delete(dir.resolve("spool"));

        Future<Void> write = writer.write(lines("m", 0, 100));
        await().atMost(WAIT).until(() -> fake.writes().size() >= 2);
        assertThat(write.isComplete()).isFalse();
        assertThat(writer.bufferedPoints()).isEqualTo(100);

        fake.answerWrites(FakeInflux.Answer.of(204));
        await(write);
        assertThat(fake.stored()).hasSize(100);
        assertThat(writer.bufferedPoints()).isZero();
    }

    /** Verifies that a spool directory that cannot be created fails the start with the path in the message. */
    @Test
    void startFailsWithoutSpoolDirectory() throws IOException {
        Files.writeString(dir.resolve("spool"), "a file where the spool directory should be");
        StorageConfig config = StorageFixtures.config(fake.url(), "db", dir).build();
        InfluxWriter broken = new InfluxWriter(vertx, new InfluxHttpClient(vertx, config), config,
                StorageMetrics.NOOP);
        assertThatThrownBy(() -> await(broken.start())).hasMessageContaining("spool");
        await(broken.close());
    }
}

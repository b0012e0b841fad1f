package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.lines;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** The writer against a healthy InfluxDB: batching, exact counts, bad data, in-flight bound and metrics. */
@ExtendWith({VertxExtension.class, TestServersExtension.class})
class InfluxWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Verifies that many lines in many calls are all written, exactly once each, without the spool. */
    @Test
    void manyLinesAreCountedExactly(Vertx vertx, InfluxDb influx) {
        String db = influx.uniqueDatabaseName("many");
        StorageConfig config = StorageFixtures.config(influx.url(), db, dir).batchSize(5000).build();
        InfluxHttpClient client = new InfluxHttpClient(vertx, config);
        await(client.ensureDatabase());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InfluxWriter writer = new InfluxWriter(vertx, client, config, StorageMetrics.micrometer(registry));
        await(writer.start());

        List<Future<Void>> writes = new ArrayList<>();
        for (int call = 0; call < 150; call++) {
            writes.add(writer.write(lines("m", call * 400, 400)));
        }
        await(Future.all(writes));

        assertThat(influx.count(db, "SELECT count(f) FROM m")).isEqualTo(60_000);
        assertThat(writer.spooledBatches()).isZero();
        assertThat(writer.bufferedPoints()).isZero();
        assertThat(writer.influxReachable()).isTrue();
        assertThat(writer.maxInFlightSeen()).isBetween(1, 2);
        assertThat(registry.get("ct.storage.points.written").counter().count()).isEqualTo(60_000);
        assertThat(registry.get("ct.storage.batch.size").summary().max()).isLessThanOrEqualTo(5000);
        assertThat(registry.get("ct.storage.write.latency").tag("outcome", "ok").timer().count()).isPositive();
        assertThat(registry.get("ct.storage.influx.reachable").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("ct.storage.spool.depth").gauge().value()).isZero();
        await(writer.close());
        await(client.close());
    }

    /** Verifies that bad lines are dead-lettered with InfluxDB's reason while the batch's good lines are stored. */
    @Test
    void badLinesAreDeadLettered(Vertx vertx, InfluxDb influx) throws IOException {
        String db = influx.uniqueDatabaseName("bad");
        StorageConfig config = StorageFixtures.config(influx.url(), db, dir).batchSize(1000).build();
        InfluxHttpClient client = new InfluxHttpClient(vertx, config);
        await(client.ensureDatabase());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InfluxWriter writer = new InfluxWriter(vertx, client, config, StorageMetrics.micrometer(registry));
        await(writer.start());
        // Given a measurement whose field f is a float
        await(writer.write(lines("m", 0, 10)));

        // When a batch holds a field type conflict and an unparsable line among good lines
        List<String> batch = new ArrayList<>(lines("m", 10, 200));
        String conflict = "m,device=x f=\"text\" " + (StorageFixtures.BASE_TS + 5_000);
        String unparsable = "m,device= f=1 " + (StorageFixtures.BASE_TS + 5_001);
        batch.add(57, conflict);
        batch.add(150, unparsable);
        await(writer.write(batch));

        // Then the good lines are stored, the bad ones are in the dead-letter file with InfluxDB's reason
        assertThat(influx.count(db, "SELECT count(f) FROM m")).isEqualTo(210);
        List<JsonObject> letters = Files.readAllLines(config.deadLetterFile()).stream().map(JsonObject::new).toList();
        assertThat(letters).hasSize(2);
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.getString("line")).isEqualTo(conflict);
            assertThat(letter.getString("reason")).contains("field type conflict");
            assertThat(letter.getLong("ts_received")).isCloseTo(System.currentTimeMillis(),
                    Offset.offset(60_000L));
        });
        assertThat(letters).anySatisfy(letter -> {
            assertThat(letter.getString("line")).isEqualTo(unparsable);
            assertThat(letter.getString("reason")).contains("unable to parse");
        });
        assertThat(registry.get("ct.storage.dead.letters").counter().count()).isEqualTo(2);

        // And the stream goes on
        await(writer.write(lines("m", 300, 50)));
        assertThat(influx.count(db, "SELECT count(f) FROM m")).isEqualTo(260);
        await(writer.close());
        await(client.close());
    }

    /** Verifies that no more than maxInFlight writes are in flight, and a call completes only with its last batch. */
    @Test
    void inFlightIsBoundedAndCallsCompleteWithTheirLastBatch(Vertx vertx) {
        FakeInflux fake = FakeInflux.start(vertx);
        Queue<Promise<FakeInflux.Answer>> held = holdWrites(fake);
        StorageConfig config = StorageFixtures.config(fake.url(), "db", dir).batchSize(100).maxInFlight(2).build();
        InfluxHttpClient client = new InfluxHttpClient(vertx, config);
        InfluxWriter writer = new InfluxWriter(vertx, client, config, StorageMetrics.NOOP);
        await(writer.start());

        // one call of 250 lines: batches of 100, 100 and 50
        Future<Void> write = writer.write(lines("m", 0, 250));
        await().atMost(WAIT).until(() -> held.size() == 2);
        assertThat(fake.maxConcurrent()).isEqualTo(2);
        answerOne(vertx, held);
        await().atMost(WAIT).until(() -> fake.writes().size() == 3);
        answerOne(vertx, held);
        await().atMost(WAIT).until(() -> fake.stored().size() == 200);
        assertThat(write.isComplete()).isFalse();
        answerOne(vertx, held);
        await(write);
        assertThat(fake.stored()).hasSize(250);
        assertThat(fake.maxConcurrent()).isEqualTo(2);
        await(writer.close());
        fake.close();
    }

    /**
     * Verifies that a slow InfluxDB (up, answering late) is never bypassed through the spool: once memory is full the
     * calls wait (back-pressure), and all complete, written once, when InfluxDB answers.
     */
    @Test
    void slowInfluxBackPressuresInsteadOfSpooling(Vertx vertx) {
        FakeInflux fake = FakeInflux.start(vertx);
        Queue<Promise<FakeInflux.Answer>> held = holdWrites(fake);
        StorageConfig config = StorageFixtures.config(fake.url(), "db", dir).batchSize(100).maxInFlight(2)
                .maxBufferedPoints(500).build();
        InfluxWriter writer = new InfluxWriter(vertx, new InfluxHttpClient(vertx, config), config,
                StorageMetrics.NOOP);
        await(writer.start());

        // Given two writes held by InfluxDB, when far more than memory holds is written
        List<Future<Void>> writes = new ArrayList<>();
        for (int call = 0; call < 20; call++) {
            writes.add(writer.write(lines("m", call * 100, 100)));
        }
        await().atMost(WAIT).until(() -> held.size() == 2 && writer.backPressured());

        // Then nothing is spooled: the callers wait, memory stays bounded
        assertThat(writer.spooledBatches()).isZero();
        assertThat(writer.spooledBytes()).isZero();
        assertThat(writer.bufferedPoints()).isLessThanOrEqualTo(500);
        assertThat(writes.get(writes.size() - 1).isComplete()).isFalse();

        // When InfluxDB answers, every call completes, every line written once, still without the spool
        while (!writes.stream().allMatch(Future::isComplete)) {
            await().atMost(WAIT).until(() -> !held.isEmpty() || writes.stream().allMatch(Future::isComplete));
            if (!held.isEmpty()) {
                answerOne(vertx, held);
            }
        }
        await(Future.all(writes));
        assertThat(fake.stored()).hasSize(2000);
        assertThat(fake.writes().stream().mapToInt(w -> w.lines().size()).sum()).isEqualTo(2000);
        assertThat(writer.spoolSyncs()).isZero();
        assertThat(writer.backPressured()).isFalse();
        await(writer.close());
        fake.close();
    }

    /** Verifies that one-line writes (the ingest path's call), from the writer's context or not, are written once. */
    @Test
    void singleLineWritesAreBatchedAndWrittenOnce(Vertx vertx) {
        FakeInflux fake = FakeInflux.start(vertx);
        StorageConfig config = StorageFixtures.config(fake.url(), "db", dir).batchSize(100).build();
        InfluxWriter writer = new InfluxWriter(vertx, new InfluxHttpClient(vertx, config), config,
                StorageMetrics.NOOP);
        await(writer.start());
        List<String> lines = lines("m", 0, 1000);
        List<Future<Void>> writes = new ArrayList<>();
        for (String line : lines.subList(0, 500)) {
            writes.add(writer.write(line));
        }
        Promise<Void> onContext = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            List<Future<Void>> mine = new ArrayList<>();
            for (String line : lines.subList(500, 1000)) {
                mine.add(writer.write(line));
            }
            Future.all(mine).<Void>mapEmpty().onComplete(onContext);
        });
        await(Future.all(writes));
        await(onContext.future());
        assertThat(fake.stored()).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(fake.writes().stream().mapToInt(w -> w.lines().size()).sum()).isEqualTo(1000);
        assertThat(fake.writes().stream().mapToInt(w -> w.lines().size()).max().orElseThrow()).isLessThanOrEqualTo(100);
        await(writer.close());
        fake.close();
    }

    /** Verifies that close writes what is still lingering in memory and completes its callers. */
    @Test
    void closeFlushesWhatIsBuffered(Vertx vertx) {
        FakeInflux fake = FakeInflux.start(vertx);
        StorageConfig config = StorageFixtures.config(fake.url(), "db", dir).linger(Duration.ofMinutes(10)).build();
        InfluxWriter writer = new InfluxWriter(vertx, new InfluxHttpClient(vertx, config), config,
                StorageMetrics.NOOP);
        await(writer.start());
        Future<Void> write = writer.write(lines("m", 0, 10));
        await().atMost(WAIT).until(() -> writer.bufferedPoints() == 10);
        assertThat(write.isComplete()).isFalse();

        await(writer.close());
        assertThat(write.succeeded()).isTrue();
        assertThat(writer.bufferedPoints()).isZero();
        assertThat(fake.stored()).hasSize(10);
        assertThatThrownBy(() -> await(writer.write(lines("m", 10, 1)))).hasMessageContaining("closed");
        fake.close();
    }

    /** Makes the fake hold every write unanswered (other requests succeed); the test answers them one by one. */
    private static Queue<Promise<FakeInflux.Answer>> holdWrites(FakeInflux fake) {
        Queue<Promise<FakeInflux.Answer>> held = new ConcurrentLinkedQueue<>();
        fake.respond(request -> {
            if (!request.path().endsWith("/write")) {
                return Future.succeededFuture(FakeInflux.Answer.of(204));
            }
            Promise<FakeInflux.Answer> answer = Promise.promise();
            held.add(answer);
            return answer.future();
        });
        return held;
    }

    private static void answerOne(Vertx vertx, Queue<Promise<FakeInflux.Answer>> held) {
        Promise<FakeInflux.Answer> answer = held.poll();
        vertx.runOnContext(v -> answer.complete(FakeInflux.Answer.of(204)));
    }
}

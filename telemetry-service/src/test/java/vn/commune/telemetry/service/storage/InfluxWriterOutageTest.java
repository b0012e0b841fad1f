package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;
import static vn.commune.telemetry.service.storage.StorageFixtures.lines;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.TestServers;

/** The writer when InfluxDB goes away: spooling, replay, restarts, torn records and back-pressure. */
@ExtendWith(VertxExtension.class)
class InfluxWriterOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** This class's own InfluxDB: the tests stop it. */
    private static InfluxDb influx;

    @TempDir
    Path dir;

    private String db;

    @BeforeAll
    static void startInflux() {
        influx = TestServers.newInfluxDb();
    }

    @AfterAll
    static void closeInflux() {
        influx.close();
    }

    @BeforeEach
    void ensureRunning() {
        influx.start();
        db = influx.uniqueDatabaseName("outage");
    }

    private InfluxWriter startWriter(Vertx vertx, StorageConfig config) {
        InfluxHttpClient client = new InfluxHttpClient(vertx, config);
        InfluxWriter writer = new InfluxWriter(vertx, client, config, StorageMetrics.NOOP);
        await(writer.start());
        return writer;
    }

    private long count() {
        return influx.count(db, "SELECT count(f) FROM m");
    }

    /** Verifies that InfluxDB stopped mid-load loses nothing: the spool takes the rest and is drained exactly. */
    @Test
    void stoppedMidLoadThenStartedIsDrainedExactly(Vertx vertx) throws IOException {
        StorageConfig config = StorageFixtures.config(influx.url(), db, dir).batchSize(1000)
                .requestTimeout(Duration.ofSeconds(2)).build();
        await(new InfluxHttpClient(vertx, config).ensureDatabase());
        InfluxWriter writer = startWriter(vertx, config);

        // Given a steady load of 200 lines every 5 ms, 60,000 lines in all
        int calls = 300;
        List<Future<Void>> writes = new CopyOnWriteArrayList<>();
        AtomicInteger issued = new AtomicInteger();
        vertx.setPeriodic(5, timer -> {
            int call = issued.getAndIncrement();
            if (call >= calls) {
                vertx.cancelTimer(timer);
                return;
            }
            writes.add(writer.write(lines("m", call * 200, 200)));
        });

        // When InfluxDB stops a quarter of the way and comes back after the load
        await().atMost(WAIT).until(() -> issued.get() >= calls / 4);
        influx.stop();
        await().atMost(WAIT).until(() -> writes.size() == calls);
        await(Future.all(new ArrayList<>(writes)));
        assertThat(writer.spooledBatches()).isPositive();
        assertThat(writer.influxReachable()).isFalse();
        influx.start();

        // Then the spool drains and every line is stored exactly once
        await().atMost(WAIT).until(() -> writer.spooledBatches() == 0 && writer.influxReachable());
        assertThat(count()).isEqualTo(60_000);
        assertThat(writer.spooledBytes()).isZero();
        assertThat(spoolFiles(config)).isEmpty();
        await(writer.close());
    }

    /** Verifies that a new writer on the same spool directory replays what a previous run left. */
    @Test
    void restartReplaysLeftovers(Vertx vertx) throws IOException {
        StorageConfig down = StorageFixtures.config("http://127.0.0.1:" + FreePorts.next(), db, dir).build();
        InfluxWriter first = startWriter(vertx, down);
        for (int call = 0; call < 10; call++) {
            await(first.write(lines("m", call * 300, 300)));
        }
        assertThat(first.spooledBatches()).isPositive();
        await(first.close());
        assertThat(spoolFiles(down)).isNotEmpty();

        StorageConfig up = StorageFixtures.config(influx.url(), db, dir).build();
        await(new InfluxHttpClient(vertx, up).ensureDatabase());
        InfluxWriter second = startWriter(vertx, up);
        await().atMost(WAIT).until(() -> second.spooledBatches() == 0);
        assertThat(count()).isEqualTo(3000);
        assertThat(spoolFiles(up)).isEmpty();
        await(second.close());
    }

    /** Verifies that a torn record at the spool's tail (a crash mid-append) is skipped and the rest replayed. */
    @Test
    void tornTailIsSkippedOnStart(Vertx vertx) throws IOException {
        StorageConfig down = StorageFixtures.config("http://127.0.0.1:" + FreePorts.next(), db, dir).build();
        InfluxWriter first = startWriter(vertx, down);
        for (int call = 0; call < 4; call++) {
            await(first.write(lines("m", call * 100, 100)));
        }
        await(first.close());
        List<Path> files = spoolFiles(down);
        Files.write(files.get(files.size() - 1), ByteBuffer.allocate(12).putInt(900).putInt(7).putInt(1).array(),
                StandardOpenOption.APPEND);

        StorageConfig up = StorageFixtures.config(influx.url(), db, dir).build();
        await(new InfluxHttpClient(vertx, up).ensureDatabase());
        InfluxWriter second = startWriter(vertx, up);
        await().atMost(WAIT).until(() -> second.spooledBatches() == 0);
        assertThat(count()).isEqualTo(400);
        await(second.close());
    }

    /** Verifies that with memory and spool full, writes stay pending, and complete when InfluxDB returns. */
    @Test
    void backPressureHoldsWritesUntilInfluxReturns(Vertx vertx) {
        StorageConfig config = StorageFixtures.config(influx.url(), db, dir).batchSize(100).maxBufferedPoints(1000)
                .spoolMaxBytes(64 << 10).build();
        await(new InfluxHttpClient(vertx, config).ensureDatabase());
        InfluxWriter writer = startWriter(vertx, config);
        influx.stop();

        // Given InfluxDB down, when far more is written than memory and spool hold
        List<Future<Void>> writes = new ArrayList<>();
        for (int call = 0; call < 60; call++) {
            writes.add(writer.write(lines("m", call * 100, 100)));
        }

        // Then the writer is back-pressured: the spool is full, memory is full, the last calls wait
        await().atMost(WAIT).until(writer::backPressured);
        await().atMost(WAIT).until(() -> writer.bufferedPoints() >= 1000);
        assertThat(writer.spooledBytes()).isLessThanOrEqualTo(64 << 10);
        assertThat(writer.spooledBatches()).isPositive();
        assertThat(writes.get(writes.size() - 1).isComplete()).isFalse();
        assertThat(writes.stream().filter(Future::isComplete).count()).isLessThan(60);
        assertThat(writes.stream().filter(Future::failed).count()).isZero();

        // When InfluxDB returns, every call completes and every line is stored
        influx.start();
        await(Future.all(writes));
        await().atMost(WAIT).until(() -> writer.spooledBatches() == 0);
        assertThat(writer.backPressured()).isFalse();
        assertThat(count()).isEqualTo(6000);
        await(writer.close());
    }

    private static List<Path> spoolFiles(StorageConfig config) throws IOException {
        try (Stream<Path> files = Files.list(config.spoolDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }
}

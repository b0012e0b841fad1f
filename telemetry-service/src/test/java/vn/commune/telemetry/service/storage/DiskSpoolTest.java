package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.service.storage.StorageFixtures.lines;
import static vn.commune.telemetry.service.storage.StorageFixtures.on;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk spool: framing, order, group commit, bounds and recovery from a crash. */
@ExtendWith(VertxExtension.class)
class DiskSpoolTest {

    @TempDir
    Path dir;

    private Vertx vertx;
    private Context context;
    private WorkerExecutor worker;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.worker = vertx.createSharedWorkerExecutor("spool-test-" + System.nanoTime(), 1);
    }

    @AfterEach
    void tearDown() {
        StorageFixtures.await(worker.close());
    }

    private DiskSpool open(long maxBytes, long segmentBytes) {
        DiskSpool spool = new DiskSpool(dir, maxBytes, segmentBytes, worker, StorageMetrics.NOOP);
        on(context, spool::open);
        return spool;
    }

    private static byte[] payload(int batch) {
        return SpoolFormat.encodePayload(1_000L + batch, lines("m", batch * 10, 10));
    }

    private void appendAll(DiskSpool spool, int from, int count) {
        on(context, () -> {
            List<Future<Void>> appends = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                appends.add(spool.append(payload(i)));
            }
            return Future.all(appends).mapEmpty();
        });
    }

    /** Reads and acknowledges {@code count} records, answering their receipt times. */
    private List<Long> drain(DiskSpool spool, int count) {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SpoolRecord record = on(context, spool::peek);
            assertThat(record).as("record %d", i).isNotNull();
            seen.add(record.receivedAt());
            on(context, () -> spool.ack(record));
        }
        return seen;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }

    /** Verifies that records come back oldest first across segments and restarts, and that drained segments go. */
    @Test
    void replaysInOrderAcrossSegmentsAndRestarts() throws IOException {
        DiskSpool spool = open(1L << 20, 1024);
        for (int i = 0; i < 30; i += 5) {
            appendAll(spool, i, 5);
        }
        assertThat(spool.records()).isEqualTo(30);
        assertThat(segments()).hasSizeGreaterThan(1);

        SpoolRecord first = on(context, spool::peek);
        assertThat(first.lines()).isEqualTo(lines("m", 0, 10));
        assertThat(drain(spool, 12)).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L, 1007L, 1008L,
                1009L, 1010L, 1011L);
        on(context, spool::close);

        DiskSpool reopened = open(1L << 20, 1024);
        assertThat(reopened.records()).isGreaterThanOrEqualTo(18);
        List<Long> rest = drain(reopened, (int) reopened.records());
        // a partly replayed segment is replayed again from its start after a restart (idempotent points)
        assertThat(rest).isSorted().contains(1029L).endsWith(1029L);
        assertThat(on(context, reopened::peek)).isNull();
        assertThat(reopened.records()).isZero();
        assertThat(reopened.bytes()).isZero();
        assertThat(segments()).isEmpty();
    }

    /** Verifies that appends arriving together share one fsync (group commit). */
    @Test
    void groupCommitSharesFsyncs() {
        DiskSpool spool = open(64L << 20, 8L << 20);
        appendAll(spool, 0, 200);
        assertThat(spool.records()).isEqualTo(200);
        assertThat(spool.syncs()).isBetween(1L, 20L);
    }

    /** Verifies that a record torn by a crash is skipped with a warning and the good ones before it survive. */
    @Test
    void tornTailRecordIsSkipped() throws IOException {
        DiskSpool spool = open(1L << 20, 1L << 20);
        appendAll(spool, 0, 3);
        on(context, spool::close);
        Path segment = segments().get(0);
        // a frame announcing 5,000 bytes of which only 10 reached the disk
        Files.write(segment, ByteBuffer.allocate(18).putInt(5000).putInt(42).put(new byte[10]).array(),
                StandardOpenOption.APPEND);

        DiskSpool reopened = open(1L << 20, 1L << 20);
        assertThat(reopened.records()).isEqualTo(3);
        assertThat(drain(reopened, 3)).containsExactly(1000L, 1001L, 1002L);
        assertThat(on(context, reopened::peek)).isNull();
        assertThat(segments()).isEmpty();
    }

    /** Verifies that a record whose bytes changed fails its CRC and ends the valid part of its segment. */
    @Test
    void corruptRecordFailsCrc() throws IOException {
        DiskSpool spool = open(1L << 20, 1L << 20);
        appendAll(spool, 0, 3);
        on(context, spool::close);
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(segment, bytes);

        DiskSpool reopened = open(1L << 20, 1L << 20);
        assertThat(reopened.records()).isEqualTo(2);
        assertThat(drain(reopened, 2)).containsExactly(1000L, 1001L);
        assertThat(on(context, reopened::peek)).isNull();
    }

    /** Verifies that a file that is not a segment is moved aside instead of failing the start. */
    @Test
    void foreignFileIsMovedAside() throws IOException {
        Files.writeString(dir.resolve(SpoolSegment.fileName(7)), "this is not a spool segment");
        DiskSpool spool = open(1L << 20, 1L << 20);
        assertThat(spool.records()).isZero();
        assertThat(dir.resolve(SpoolSegment.fileName(7) + ".corrupt")).exists();
        appendAll(spool, 0, 1);
        assertThat(segments()).extracting(p -> p.getFileName().toString())
                .containsExactly(SpoolSegment.fileName(8));
    }

    /** Verifies the bound: a record that would pass spoolMaxBytes is refused, an empty spool takes anything. */
    @Test
    void boundIsKept() {
        DiskSpool spool = open(4096, 1L << 20);
        assertThat(spool.hasRoomFor(100_000)).isTrue();
        int appended = 0;
        while (spool.hasRoomFor(payload(appended).length)) {
            appendAll(spool, appended, 1);
            appended++;
        }
        assertThat(appended).isGreaterThan(3);
        assertThat(spool.bytes()).isLessThanOrEqualTo(4096);
        drain(spool, 1);
        assertThat(spool.records()).isEqualTo(appended - 1);
    }
}

package vn.commune.telemetry.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLogTest {

    @TempDir
    Path dir;

    private SpoolLog open(long maxBytes, long segmentBytes) throws IOException {
        return SpoolLog.open(new SpoolSettings(dir, maxBytes, segmentBytes, Duration.ZERO), 1_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(SpoolLog log) throws IOException {
        List<String> out = new ArrayList<>();
        for (Pending p = log.next(); p != null; p = log.next()) {
            SpoolRecord record = log.read(p);
            out.add(record.topic() + " " + new String(record.payload(), StandardCharsets.UTF_8));
            log.done(p);
        }
        return out;
    }

    /** Verifies that messages survive a reopen unchanged, and that done ones do not come back. */
    @Test
    void reopenKeepsWhatIsNotDone() throws IOException {
        try (SpoolLog log = open(1 << 20, 4096)) {
            for (int i = 0; i < 100; i++) {
                log.append("tele/d" + (i % 3) + "/status", bytes("{\"n\":" + i + "}"), 1, false, 10 + i);
            }
            log.append("tele/d1/state", bytes("{\"state\":1}"), 1, true, 500);
            for (int i = 0; i < 10; i++) {
                log.done(log.next());
            }
            log.sync();
        }
        try (SpoolLog log = open(1 << 20, 4096)) {
            assertThat(log.depth()).isEqualTo(91);
            assertThat(log.recovered()).isEqualTo(91);
            Pending first = log.next();
            SpoolRecord record = log.read(first);
            assertThat(record.topic()).isEqualTo("tele/d0/status");
            assertThat(record.retain()).isFalse();
            assertThat(record.qos()).isEqualTo(1);
            assertThat(log.tornTails()).isZero();
            assertThat(log.corruptRecords()).isZero();
        }
    }

    /** Verifies the drain order: states and events first, then statuses round robin, each device in order. */
    @Test
    void statesAndEventsFirstThenStatusesPerDeviceInOrder() throws IOException {
        try (SpoolLog log = open(1 << 20, 1 << 16)) {
            for (int i = 0; i < 4; i++) {
                log.append("tele/a/status", bytes("a" + i), 1, false, i);
                log.append("tele/b/status", bytes("b" + i), 1, false, i);
            }
            log.append("tele/a/event", bytes("ea"), 1, false, 9);
            log.append("tele/b/state", bytes("sb"), 1, true, 9);
            log.append("tele/c/status", bytes("c0"), 1, false, 10);
            List<String> order = drain(log);
            assertThat(order.subList(0, 2)).containsExactly("tele/a/event ea", "tele/b/state sb");
            List<String> statuses = order.subList(2, order.size());
            assertThat(statuses.stream().filter(s -> s.startsWith("tele/a/")))
                    .containsExactly("tele/a/status a0", "tele/a/status a1", "tele/a/status a2", "tele/a/status a3");
            // c's only (live) status is not behind the backlog of a and b
            assertThat(statuses.indexOf("tele/c/status c0")).isLessThan(3);
            assertThat(log.depth()).isZero();
        }
    }

    /** Verifies that messages in flight when the uplink broke are sent again first, in order. */
    @Test
    void requeuedMessagesComeBackFirstInOrder() throws IOException {
        try (SpoolLog log = open(1 << 20, 1 << 16)) {
            for (int i = 0; i < 5; i++) {
                log.append("tele/a/status", bytes("a" + i), 1, false, i);
            }
            Pending p0 = log.next();
            Pending p1 = log.next();
            log.requeue(List.of(p1, p0));
            assertThat(drain(log)).containsExactly("tele/a/status a0", "tele/a/status a1", "tele/a/status a2",
                    "tele/a/status a3", "tele/a/status a4");
        }
    }

    /** Verifies that a full log drops the oldest statuses, never states or events, and counts the drops. */
    @Test
    void fullLogDropsOldestStatusesOnly() throws IOException {
        byte[] payload = new byte[1000];
        try (SpoolLog log = open(64 * 1024, 8192)) {
            log.append("tele/a/event", payload, 1, false, 0);
            log.append("tele/a/state", payload, 1, true, 0);
            for (int i = 0; i < 200; i++) {
                log.append("tele/s" + (i % 5) + "/status", bytes(String.format("%0999d", i)), 1, false, i);
            }
            assertThat(log.bytes()).isLessThanOrEqualTo(64 * 1024);
            assertThat(log.dropped()).isGreaterThan(100);
            List<String> order = drain(log);
            assertThat(order.get(0)).startsWith("tele/a/event");
            assertThat(order.get(1)).startsWith("tele/a/state");
            // the newest statuses are kept: the last one appended is there, the first one is not
            assertThat(order).anyMatch(s -> s.endsWith(String.format("%0999d", 199)));
            assertThat(order).noneMatch(s -> s.endsWith(String.format("%0999d", 0)));
            assertThat(log.dropped() + order.size() - 2).isEqualTo(200);
        }
    }

    /** Verifies that a torn tail is cut and a corrupt middle record skipped, both counted, the rest kept. */
    @Test
    void tornTailAndCorruptMiddleAreCountedAndSkipped() throws IOException {
        try (SpoolLog log = open(1 << 20, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                log.append("tele/a/status", bytes("message-" + i), 1, false, i);
            }
            log.sync();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        long frame = new SpoolRecord(0, 0, 1, false, "tele/a/status", bytes("message-0")).frameLength();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            // corrupt the payload of record 4
            file.seek(4 * frame + frame - 2);
            file.write('X');
            // tear the last record in half
            file.setLength(file.length() - frame / 2);
        }
        try (SpoolLog log = open(1 << 20, 1 << 20)) {
            assertThat(log.tornTails()).isEqualTo(1);
            assertThat(log.corruptRecords()).isEqualTo(1);
            assertThat(drain(log)).containsExactly("tele/a/status message-0", "tele/a/status message-1",
                    "tele/a/status message-2", "tele/a/status message-3", "tele/a/status message-5",
                    "tele/a/status message-6", "tele/a/status message-7", "tele/a/status message-8");
            log.append("tele/a/status", bytes("after"), 1, false, 99);
            assertThat(drain(log)).containsExactly("tele/a/status after");
        }
    }

    /** Verifies that a damaged length field is resynchronised on the next good record. */
    @Test
    void damagedLengthResynchronises() throws IOException {
        try (SpoolLog log = open(1 << 20, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                log.append("tele/a/event", bytes("e" + i), 1, false, i);
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        long frame = new SpoolRecord(0, 0, 1, false, "tele/a/event", bytes("e0")).frameLength();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(2 * frame);
            file.writeInt(0x7fff0000);
        }
        try (SpoolLog log = open(1 << 20, 1 << 20)) {
            assertThat(log.corruptRecords()).isEqualTo(1);
            assertThat(drain(log)).containsExactly("tele/a/event e0", "tele/a/event e1", "tele/a/event e3",
                    "tele/a/event e4");
        }
    }

    /** Verifies that segments whose every record left the log are deleted. */
    @Test
    void doneSegmentsAreDeleted() throws IOException {
        try (SpoolLog log = open(1 << 20, 4096)) {
            for (int i = 0; i < 500; i++) {
                log.append("tele/a/status", new byte[100], 1, false, i);
            }
            assertThat(log.segmentCount()).isGreaterThan(5);
            drain(log);
            assertThat(log.segmentCount()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".seg")).count()).isEqualTo(1);
        }
    }

    /** Verifies that a message found in the log at start-up and delivered again is recognised as a duplicate. */
    @Test
    void redeliveryAfterRestartIsADuplicate() throws IOException {
        try (SpoolLog log = SpoolLog.open(new SpoolSettings(dir, 1 << 20, 4096, Duration.ofMinutes(1)), 0)) {
            log.append("tele/a/status", bytes("x"), 1, false, 0);
        }
        try (SpoolLog log = SpoolLog.open(new SpoolSettings(dir, 1 << 20, 4096, Duration.ofMinutes(1)), 0)) {
            assertThat(log.append("tele/a/status", bytes("x"), 1, false, 10)).isEqualTo(SpoolLog.Outcome.DUPLICATE);
            assertThat(log.append("tele/a/status", bytes("y"), 1, false, 10)).isEqualTo(SpoolLog.Outcome.APPENDED);
            assertThat(log.duplicates()).isEqualTo(1);
            assertThat(log.depth()).isEqualTo(2);
        }
    }

    /**
     * Verifies that events pinning old segments do not let the disk grow past the bound: their segments are
     * compacted, and after a reopen the events come back in order with the newest statuses.
     */
    @Test
    void eventsPinningSegmentsDoNotGrowTheDisk() throws IOException {
        long max = 64 * 1024;
        long segment = 8 * 1024;
        try (SpoolLog log = open(max, segment)) {
            for (int round = 0; round < 60; round++) {
                log.append("tele/a/event", bytes("event-" + round), 1, false, round);
                for (int i = 0; i < 40; i++) {
                    log.append("tele/s/status", new byte[200], 1, false, round);
                }
                assertThat(log.diskBytes()).isLessThanOrEqualTo(max + 2 * segment);
            }
            assertThat(log.compacted()).isGreaterThan(0);
            assertThat(log.dropped()).isGreaterThan(0);
        }
        try (Stream<Path> files = Files.list(dir)) {
            long disk = files.filter(p -> p.toString().endsWith(".seg")).mapToLong(p -> p.toFile().length()).sum();
            assertThat(disk).isLessThanOrEqualTo(max + 2 * segment);
        }
        try (SpoolLog log = open(max, segment)) {
            List<String> events = drain(log).stream().filter(s -> s.startsWith("tele/a/event")).toList();
            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 60; round++) {
                expected.add("tele/a/event event-" + round);
            }
            assertThat(events).isEqualTo(expected);
        }
    }
}

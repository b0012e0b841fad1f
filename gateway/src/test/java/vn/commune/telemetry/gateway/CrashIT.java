package vn.commune.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.testsupport.MqttTestClient;

/** The gateway killed with thousands of messages in its log, and a log damaged on disk. */
class CrashIT extends TwoBrokers {

    private static final Duration LONG = Duration.ofSeconds(120);
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+) ([0-9.eE+-]+)$", Pattern.MULTILINE);

    /**
     * Verifies that after a kill -9 of the gateway process while its log holds thousands of messages (and while it
     * drains them), everything arrives after a restart; duplicates are counted and reported.
     */
    @Test
    void killNineWithThousandsInTheLogLosesNothing() throws Exception {
        GatewayFixture fixture = new GatewayFixture(dir, "gw-kill", local, district,
                "status-interval: PT1H\n", "  rate-limit: 30000\n");
        int devices = 50;
        int before = 5000;
        int during = 1000;
        long base = System.currentTimeMillis() - 3_600_000;
        try (Collector up = new Collector(district.url(), "collector", "tele/#");
             MqttTestClient publisher = MqttTestClient.connect(local.url(), "devices")) {
            district.stop();
            Process gateway = fixture.startProcess();
            try {
                await().atMost(LONG).ignoreExceptions().until(() -> ForwardingIT.fetch(fixture.httpPort, "/health")
                        .contains("\"local\":true"));
                publish(publisher, base, devices, 0, before);
                await().atMost(LONG).ignoreExceptions().until(() -> sample(fixture, "ct_gateway_spool_depth")
                        >= before);
                district.start();
                await().atMost(LONG).ignoreExceptions().until(() -> sample(fixture, "ct_gateway_forwarded_total")
                        >= 1000);
                double waitingAtKill = sample(fixture, "ct_gateway_spool_depth");
                gateway.destroyForcibly().waitFor();
                assertThat(waitingAtKill).as("killed while draining").isGreaterThan(1000);
                publish(publisher, base, devices, before, before + during);
            } finally {
                gateway.destroyForcibly().waitFor();
            }
            Process restarted = fixture.startProcess();
            try {
                await().atMost(LONG).until(() -> ForwardingIT.unique(up).size() == before + during);
                double recovered = sample(fixture, "ct_gateway_spool_recovered");
                double localDuplicates = sample(fixture, "ct_gateway_spool_duplicates");
                long received = up.got().stream().filter(g -> g.topic().startsWith("tele/dev-")).count();
                long duplicates = received - (before + during);
                assertThat(recovered).isGreaterThan(0);
                assertOrderPerDevice(up, devices);
                System.out.printf("kill -9: %d messages, %d recovered from the log at restart, %d local redeliveries"
                                + " recognised, %d duplicates upstream (%d received)%n", before + during,
                        (long) recovered, (long) localDuplicates, duplicates, received);
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }

    /**
     * Verifies that a gateway whose last segment was cut mid-record and which has one corrupt record in the middle
     * starts, forwards all the rest and counts both.
     */
    @Test
    void tornTailAndCorruptMiddleRecordAreCountedAndTheRestForwarded() throws Exception {
        GatewayFixture fixture = new GatewayFixture(dir, "gw-torn", local, district, "status-interval: PT1H\n");
        int count = 300;
        long base = System.currentTimeMillis() - 600_000;
        try (Collector up = new Collector(district.url(), "collector", "tele/#")) {
            district.stop();
            try (Gateway gateway = fixture.start();
                 MqttTestClient publisher = MqttTestClient.connect(local.url(), "devices")) {
                await().atMost(LONG).until(() -> gateway.metrics().isLocalConnected());
                publish(publisher, base, 10, 0, count);
                await().atMost(LONG).until(() -> gateway.log().depth() >= count + 1);
            }
            Path segment;
            try (Stream<Path> files = Files.list(fixture.spoolDir)) {
                segment = files.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
            }
            List<Long> frames = frames(segment);
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                long middle = frames.get(frames.size() / 2);
                long middleEnd = frames.get(frames.size() / 2 + 1);
                file.seek(middleEnd - 3);
                file.write('#');
                long last = frames.get(frames.size() - 1);
                file.setLength(last + (file.length() - last) / 2);
                assertThat(middle).isLessThan(last);
            }
            district.start();
            try (Gateway gateway = fixture.start()) {
                assertThat(gateway.log().tornTails()).isEqualTo(1);
                assertThat(gateway.log().corruptRecords()).isEqualTo(1);
                await().atMost(LONG).until(() -> gateway.log().depth() == 0);
                await().atMost(LONG).until(() -> ForwardingIT.unique(up).size() == count - 2);
                String metrics = ForwardingIT.fetch(fixture.httpPort, "/metrics");
                assertThat(metrics).contains("ct_gateway_spool_torn 1.0", "ct_gateway_spool_corrupt 1.0");
            }
        }
    }

    /** Offsets of the frames of a segment file. */
    private static List<Long> frames(Path segment) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
            long pos = 0;
            while (pos < file.length()) {
                offsets.add(pos);
                file.seek(pos);
                pos += 8 + file.readInt();
            }
        }
        return offsets;
    }

    private static void publish(MqttTestClient publisher, long base, int devices, int from, int to) {
        for (int i = from; i < to; i++) {
            publisher.publish("tele/dev-" + (i % devices) + "/status", "{\"v\":1,\"ts\":" + (base + i)
                    + ",\"kind\":\"camera\",\"recording\":true}");
        }
        publisher.flush();
    }

    private static void assertOrderPerDevice(Collector up, int devices) {
        Map<String, List<Long>> byDevice = new HashMap<>();
        Pattern ts = Pattern.compile("\"ts\":(\\d+)");
        for (Collector.Got got : up.got()) {
            if (got.topic().startsWith("tele/dev-")) {
                Matcher m = ts.matcher(got.text());
                assertThat(m.find()).isTrue();
                byDevice.computeIfAbsent(got.topic(), t -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
            }
        }
        assertThat(byDevice).hasSize(devices);
        for (List<Long> list : byDevice.values()) {
            assertThat(list.stream().distinct().toList()).isSorted();
        }
    }

    private static double sample(GatewayFixture fixture, String name) {
        Matcher m = SAMPLE.matcher(ForwardingIT.fetch(fixture.httpPort, "/metrics"));
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no metric " + name);
    }

}

package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ordered writer of state points (transitions, run markers, maintenance windows) against a fake InfluxDB that
 * answers 413, 400, 500 and slowly: the same point written again and again with new values ends as the newest value,
 * nothing stalls, and nothing refused is dropped silently.
 */
@ExtendWith(VertxExtension.class)
class OrderedWriterTest {

    private static final long T0 = StorageFixtures.BASE_TS;

    @TempDir
    Path dir;

    private Vertx vertx;
    private FakeInflux fake;
    private InfluxWriter writer;
    private DatabaseFaults faults;
    private SimpleMeterRegistry registry;
    /** series and timestamp → the value InfluxDB holds (the last write it accepted wins, as in InfluxDB). */
    private final Map<String, String> held = new LinkedHashMap<>();

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.fake = FakeInflux.start(vertx);
        this.registry = new SimpleMeterRegistry();
        this.faults = new DatabaseFaults(registry, System::currentTimeMillis);
    }

    @AfterEach
    void tearDown() {
        if (writer != null) {
            await(writer.close());
        }
        fake.close();
    }

    private void start(StorageFixtures.Builder builder) {
        StorageConfig config = builder.maxInFlight(1).build();
        writer = InfluxWriter.ordered(vertx, new InfluxHttpClient(vertx, config, faults), config,
                StorageMetrics.micrometer(registry, "ct.state.storage"));
        await(writer.start());
    }

    /** Keeps what a 2xx write stores, point by point, in the order InfluxDB took them. */
    private synchronized void keep(FakeInflux.Request request) {
        for (String line : request.lines()) {
            int space = line.indexOf(' ');
            held.put(line.substring(0, space) + "@" + line.substring(line.lastIndexOf(' ') + 1), line);
        }
    }

    private static String marker(long until) {
        return "service_run,instance=a clean=false,until=" + until + "i " + T0;
    }

    private static String transition(String device, long at, boolean retracted) {
        return "transition,device=" + device + " cause=\"timeout\",retracted=" + retracted + ",state=\"offline\" " + at;
    }

    /**
     * Verifies that a run marker rewritten 300 times and transitions retracted and written again reach InfluxDB in
     * order through slow answers, 500s with Retry-After, 413 splits and an outage that spools: every point ends as its
     * newest value, one write at a time, and every caller's Future completes.
     */
    @Test
    void rewrittenPointsEndAsTheirNewestValue() {
        SplittableRandom random = new SplittableRandom(7);
        int[] outage = {0};
        boolean[] down = {true};
        Set<String> firstHalf = ConcurrentHashMap.newKeySet();
        fake.respond(request -> {
            if (!request.path().endsWith("/write")) {
                return Future.succeededFuture(FakeInflux.Answer.of(outage[0] > 0 || down[0] ? 503 : 204));
            }
            if (down[0]) {
                return Future.succeededFuture(FakeInflux.Answer.of(503));
            }
            if (outage[0] > 0) {
                outage[0]--;
                return Future.succeededFuture(FakeInflux.Answer.of(503));
            }
            if (request.bodyBytes() > 1500) {
                return Future.succeededFuture(FakeInflux.Answer.error(413, "Request Entity Too Large"));
            }
            int roll = random.nextInt(10);
            if (request.lines().stream().anyMatch(firstHalf::contains)) {
                // what was spooled during the outage comes back slowly: anything written meanwhile must wait for it
                roll = 2;
            } else if (roll == 0) {
                return Future.succeededFuture(new FakeInflux.Answer(500, "{\"error\":\"engine busy\"}",
                        Map.of("Retry-After", "0")));
            }
            if (roll == 1) {
                outage[0] = 5;
                return Future.succeededFuture(FakeInflux.Answer.of(503));
            }
            Promise<FakeInflux.Answer> later = Promise.promise();
            vertx.setTimer(roll == 2 ? 100 + random.nextInt(200) : 1 + random.nextInt(20), id -> {
                keep(request);
                later.complete(FakeInflux.Answer.of(204));
            });
            return later.future();
        });
        start(StorageFixtures.config(fake.url(), "db", dir).batchSize(10).linger(Duration.ofMillis(5))
                .retry(Duration.ofMillis(10), Duration.ofMillis(50)));

        // When the marker moves on and transitions flip between written and retracted, many times over, the first
        // half while InfluxDB is down (spooled), the second half as it comes back
        List<Future<Void>> writes = new ArrayList<>();
        Map<String, String> newest = new LinkedHashMap<>();
        for (int k = 0; k < 300; k++) {
            if (k == 150) {
                await(Future.all(writes).timeout(60, TimeUnit.SECONDS));
                assertThat(writer.spooledBatches()).isGreaterThan(10);
                down[0] = false;
                // InfluxDB takes writes again while the spool still holds most of the first half
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(writer::influxReachable);
            }
            String line = marker(T0 + k);
            if (k < 150) {
                firstHalf.add(line);
            }
            newest.put("service_run,instance=a@" + T0, line);
            writes.add(writer.write(List.of(line)));
            String device = "d" + random.nextInt(5);
            long at = T0 + random.nextInt(8);
            String flip = transition(device, at, random.nextBoolean());
            if (k < 150) {
                firstHalf.add(flip);
            }
            newest.put("transition,device=" + device + "@" + at, flip);
            writes.add(writer.write(List.of(flip)));
        }

        // Then every Future completes, and each point holds its newest value
        await(Future.all(writes).timeout(60, TimeUnit.SECONDS));
        await(writer.spoolEmpty().timeout(60, TimeUnit.SECONDS));
        synchronized (this) {
            assertThat(held).isEqualTo(newest);
        }
        assertThat(fake.maxConcurrent()).as("one write at a time").isEqualTo(1);
    }

    /**
     * Verifies that a point refused as bad data goes to the dead-letter file and is counted, and the points around it
     * are stored.
     */
    @Test
    void refusedPointIsDeadLetteredAndCounted() throws IOException {
        fake.respond(request -> {
            if (request.lines().stream().anyMatch(line -> line.contains("d-bad"))) {
                return Future.succeededFuture(FakeInflux.Answer.error(400, "unable to parse 'transition,device=d-bad'"));
            }
            keep(request);
            return Future.succeededFuture(FakeInflux.Answer.of(204));
        });
        start(StorageFixtures.config(fake.url(), "db", dir).batchSize(10));

        await(writer.write(List.of(transition("d-1", T0, false), transition("d-bad", T0, false),
                transition("d-2", T0, false))));

        assertThat(held).containsOnlyKeys("transition,device=d-1@" + T0, "transition,device=d-2@" + T0);
        assertThat(Files.readString(dir.resolve("dead-letter.jsonl"))).contains("d-bad").contains("unable to parse");
        assertThat(registry.get("ct.state.storage.dead.letters").counter().count()).isEqualTo(1.0);
        assertThat(faults.current()).isEmpty();
    }

    /**
     * Verifies that InfluxDB 1.x refusing the 100,001st value of the device tag (its default
     * {@code max-values-per-tag}) is dead-lettered, counted, and reported as a misconfiguration naming the setting.
     */
    @Test
    void tagLimitIsReportedAsAMisconfiguration() throws IOException {
        fake.respond(request -> {
            if (request.lines().stream().anyMatch(line -> line.contains("d-100001"))) {
                return Future.succeededFuture(FakeInflux.Answer.error(400, "partial write: max-values-per-tag limit "
                        + "exceeded (100000/100000): measurement=\"transition\" tag=\"device\" value=\"d-100001\" "
                        + "dropped=1"));
            }
            keep(request);
            return Future.succeededFuture(FakeInflux.Answer.of(204));
        });
        start(StorageFixtures.config(fake.url(), "db", dir).batchSize(10));

        await(writer.write(List.of(transition("d-1", T0, false), transition("d-100001", T0, false))));

        assertThat(held).containsOnlyKeys("transition,device=d-1@" + T0);
        assertThat(Files.readString(dir.resolve("dead-letter.jsonl"))).contains("d-100001");
        assertThat(faults.current()).hasValueSatisfying(fault -> {
            assertThat(fault.setting()).isEqualTo(DatabaseFaults.Setting.MAX_VALUES_PER_TAG);
            assertThat(fault.describe()).contains("max-values-per-tag = 0");
        });
        assertThat(registry.get("ct.storage.config.faults").tag("setting", "max-values-per-tag").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }
}

package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The service's own downtime: a device that kept sending while the service was stopped is known online throughout
 * (the broker kept its messages); a device silent across the stop is {@code unknown} exactly while no instance ran,
 * and offline by timeout where the service was running and heard nothing.
 */
@ExtendWith(TestServersExtension.class)
class ServiceDowntimeIT {

    private static final String INVENTORY = """
            version: 1
            levels: [province, district, commune, village]
            places:
              - id: p
                name: P
                level: province
                children:
                  - id: d
                    name: D
                    level: district
                    children:
                      - id: c
                        name: C
                        level: commune
                        children:
                          - id: v
                            name: V
                            level: village
                            population: 100
                            lat: 22.0
                            lon: 104.0
            devices:
              - id: ls-talker
                kind: loudspeaker
                place: v
                interval: PT1S
              - id: ls-quiet
                kind: loudspeaker
                place: v
                interval: PT1S
            """;

    /** Verifies the gap's definition against the recorded runs of the service. */
    @Test
    void silenceWhileNoInstanceRanIsUnknown(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path inventory = tmp.resolve("inventory.yaml");
        Files.writeString(inventory, INVENTORY);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicBoolean quietSends = new AtomicBoolean(true);
        List<Long> talker = new CopyOnWriteArrayList<>();
        List<Long> quiet = new CopyOnWriteArrayList<>();
        ServiceHarness service = new ServiceHarness(broker, influx, tmp, "state:\n  run-marker-period: PT0.5S\n")
                .env("INVENTORY", inventory.toString()).start().awaitStateReady();
        try (MqttTestClient device = MqttTestClient.connect(broker.url(), "dev-" + service.database)) {
            // Given two devices reporting every second in real time
            ticker.scheduleAtFixedRate(() -> {
                long now = System.currentTimeMillis();
                device.publish("tele/ls-talker/status", Payloads.loudspeaker(now, talker.size()));
                talker.add(now);
                if (quietSends.get()) {
                    device.publish("tele/ls-quiet/status", Payloads.loudspeaker(now, quiet.size()));
                    quiet.add(now);
                }
            }, 0, 1, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> talker.size() >= 5);

            // When one falls silent, the service is stopped for a while, then started again
            quietSends.set(false);
            int silentFrom = talker.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> talker.size() >= silentFrom + 2);
            service.stop();
            int stoppedAt = talker.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> talker.size() >= stoppedAt + 6);
            service.start().awaitStateReady();
            quietSends.set(true);
            int back = quiet.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> quiet.size() >= back + 3);
            ticker.shutdownNow();
            device.flush();

            // Then over the whole stretch the talker is known online, and the quiet one's silence is unknown
            // exactly while no instance ran and offline (timeout) elsewhere
            long from = talker.get(0);
            long to = quiet.get(quiet.size() - 1);
            String period = "&from=" + Instant.ofEpochMilli(from) + "&to=" + Instant.ofEpochMilli(to);
            JsonNode runs = StateUptimeIT.json(service.get("/api/v1/state")).path("runs");
            assertThat(runs).hasSize(2);
            long firstUntil = Instant.parse(runs.get(0).path("until").asText()).toEpochMilli();
            long secondFrom = Instant.parse(runs.get(1).path("from").asText()).toEpochMilli();
            long lastBefore = quiet.get(back - 1);
            long resumed = quiet.get(back);
            IntervalSet silence = IntervalSet.of(lastBefore + 1_000, resumed);
            IntervalSet down = IntervalSet.of(firstUntil, secondFrom);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode t = StateUptimeIT.json(service.get("/api/v1/uptime?device=ls-talker" + period));
                assertThat(t.at("/seconds/online").asDouble()).isEqualTo((to - from) / 1000.0);
                JsonNode q = StateUptimeIT.json(service.get("/api/v1/uptime?device=ls-quiet" + period));
                assertThat(q.at("/seconds/unknown").asDouble()).as(q.toString())
                        .isEqualTo(silence.and(down).measure() / 1000.0);
                assertThat(q.at("/seconds/offline").asDouble()).as(q.toString())
                        .isEqualTo(silence.minus(down).measure() / 1000.0);
            });
            assertThat(silence.and(down).measure()).isGreaterThan(3_000);
        } finally {
            ticker.shutdownNow();
            service.close();
        }
    }
}

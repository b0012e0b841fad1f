package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * A storm: the 500 loudspeakers of one commune lose power and go silent at once. The service raises one commune
 * alert, with a commune power cut as its likely cause, and holds the 500 device alerts back (recorded, not
 * notified): a handful of messages, not 500. When power comes back, one resolution; the device alerts that resolved
 * meanwhile are never notified. The inventory is a two-tier map whose levels are not named commune or village.
 */
@ExtendWith(TestServersExtension.class)
class AlertStormIT {

    private static final int VILLAGES = 25;
    private static final int PER_VILLAGE = 20;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** One province, a commune of 25 villages with 20 loudspeakers each, and a small neighbour commune. */
    private static String inventory(List<String> storm) {
        StringBuilder yaml = new StringBuilder("version: 1\nlevels: [tinh, xa, thon]\nplaces:\n"
                + "  - id: tinh-thu\n    name: Tỉnh Thử\n    level: tinh\n    children:\n"
                + "      - id: bao-giang\n        name: Bảo Giang\n        level: xa\n        children:\n");
        for (int v = 1; v <= VILLAGES; v++) {
            yaml.append("          - id: bao-giang-thon-").append(v).append("\n            name: Thôn ").append(v)
                    .append("\n            level: thon\n            population: 400\n            lat: 22.")
                    .append(String.format("%02d", v)).append("\n            lon: 104.1\n");
        }
        yaml.append("      - id: lang-ben\n        name: Làng Bến\n        level: xa\n        population: 900\n"
                + "        lat: 22.5\n        lon: 104.2\ndevices:\n"
                + "  - id: ls-neighbour-1\n    kind: loudspeaker\n    place: lang-ben\n");
        for (int v = 1; v <= VILLAGES; v++) {
            for (int d = 1; d <= PER_VILLAGE; d++) {
                String id = "ls-bg-" + v + "-" + d;
                storm.add(id);
                yaml.append("  - id: ").append(id).append("\n    kind: loudspeaker\n    place: bao-giang-thon-")
                        .append(v).append("\n");
            }
        }
        return yaml.toString();
    }

    /** Verifies the storm makes the commune alert and a handful of messages. */
    @Test
    void fiveHundredDevicesDownTogether(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        List<String> storm = new ArrayList<>();
        Path inventory = Files.writeString(tmp.resolve("inventory.yaml"), inventory(storm));
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    severity: critical
                    for: PT3S
                  - id: commune-down
                    type: commune_down
                    level: 50
                    severity: critical
                    for: PT1S
                """);
        int hook = Webhooks.receiver(vertx, messages::add);
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, "alerting:\n  settle: PT2S\n")
                .env("INVENTORY", inventory.toString()).env("ALERT_RULES", rules.toString())
                .env("ALERT_GROUP_WAIT", "PT2S")
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook + "/hook").start()
                .awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), "storm-script")) {
            long now = System.currentTimeMillis();
            storm.forEach(id -> client.publish("tele/" + id + "/state", "{\"v\":1,\"state\":\"online\",\"ts\":"
                    + now + "}"));
            client.flush();
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/devices/" + storm.get(499)))
                    .at("/state/state").asText().equals("online"));

            // power cut: each reports it on battery, then goes silent
            long cut = System.currentTimeMillis();
            storm.forEach(id -> {
                client.publish("tele/" + id + "/event", "{\"v\":1,\"ts\":" + cut + ",\"type\":\"power_lost\"}");
                client.publish("tele/" + id + "/state", "{\"v\":1,\"state\":\"offline\",\"ts\":" + (cut + 1) + "}");
            });
            client.flush();

            // the 500 device alerts fire and are recorded, with the commune's
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/alerts?place=bao-giang"))
                    .path("alerts").size() == storm.size() + 1);
            await().during(Duration.ofSeconds(5)).atMost(WAIT).until(() -> messages.size() == 1);
            List<JsonObject> notices = messages.stream().flatMap(m -> Webhooks.notices(m).stream()).toList();
            assertThat(notices).hasSize(1);
            JsonObject commune = notices.get(0);
            assertThat(commune.getJsonObject("alert").getString("type")).isEqualTo("commune_down");
            assertThat(commune.getString("text")).startsWith("NGHIÊM TRỌNG: 500/500 thiết bị mất kết nối cùng lúc ở "
                    + "Bảo Giang, Tỉnh Thử").contains("khả năng: mất điện toàn Bảo Giang: 500/500");
            assertThat(service.metric("ct_alert_notifications_failed_total", null)).isZero();

            // power back: one resolution; the device alerts resolved meanwhile are never notified
            long back = System.currentTimeMillis();
            storm.forEach(id -> client.publish("tele/" + id + "/state", "{\"v\":1,\"state\":\"online\",\"ts\":"
                    + back + "}"));
            client.flush();
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/alerts?place=bao-giang"))
                    .path("alerts").size() == 0);
            await().during(Duration.ofSeconds(6)).atMost(WAIT).until(() -> messages.size() == 2);
            List<JsonObject> resolved = Webhooks.notices(messages.get(1));
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).getString("kind")).isEqualTo("resolved");
            assertThat(resolved.get(0).getJsonObject("alert").getString("device")).isEqualTo("bao-giang");
        }
    }
}

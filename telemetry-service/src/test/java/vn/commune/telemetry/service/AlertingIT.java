package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Alerting on the real service, broker and database, with a real HTTP server as the webhook: a scripted device goes
 * offline and returns (one firing after the rule's duration, one resolution), a low battery fires and clears, a late
 * status from an hour ago fires nothing, an alert is acknowledged, and a restart with one alert still firing and one
 * cleared while the service was down sends no second firing and exactly one resolution.
 */
@ExtendWith(TestServersExtension.class)
class AlertingIT {

    private static final String RULES = """
            version: 1
            rules:
              - id: device-offline
                type: offline
                severity: critical
                for: PT2S
              - id: battery-low
                type: battery_below
                level: 20
                severity: critical
            """;
    private static final String A = "ls-gia-phu-thon-hai-khe";
    private static final String B = "ls-gia-phu-thon-dong-luc";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int webhook() throws Exception {
        return Webhooks.receiver(vertx, message -> received.addAll(Webhooks.notices(message)));
    }

    private List<JsonObject> of(String device, String kind) {
        return received.stream().filter(n -> n.getString("kind").equals(kind)
                && n.getJsonObject("alert").getString("device").equals(device)).toList();
    }

    private static String state(String state, long ts) {
        return "{\"v\":1,\"state\":\"" + state + "\",\"ts\":" + ts + "}";
    }

    private static String status(long ts, int battery) {
        return "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"loudspeaker\",\"power\":\"battery\",\"battery_pct\":" + battery
                + "}";
    }

    /**
     * Verifies the commune alert: every device of a commune offline at once makes one commune alert and no device
     * notification; when the commune alert clears and the commune has settled ({@code alerting.settle}), the devices
     * still offline are notified then, the others never.
     */
    @Test
    void communeDownHoldsBackItsDevices(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), RULES + """
                  - id: commune-down
                    type: commune_down
                    level: 50
                    severity: critical
                """);
        int port = webhook();
        Inventory inventory = ServiceHarness.sampleInventory();
        List<String> devices = inventory.devicesUnder("gia-phu").stream()
                .filter(d -> d.kind() != DeviceKind.GATEWAY).map(Device::id).toList();
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, "alerting:\n  settle: PT3S\n")
                .env("ALERT_RULES", rules.toString())
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + port + "/hook").start().awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), "script")) {
            long now = System.currentTimeMillis();
            devices.forEach(id -> client.publish("tele/" + id + "/state", state("online", now)));
            client.flush();
            long down = System.currentTimeMillis();
            devices.forEach(id -> client.publish("tele/" + id + "/state", state("offline", down)));
            client.flush();

            await().atMost(WAIT).until(() -> of("gia-phu", "firing").size() == 1);
            assertThat(of("gia-phu", "firing").get(0).getString("text"))
                    .contains(devices.size() + "/" + devices.size() + " thiết bị mất kết nối cùng lúc ở Gia Phú");
            // the devices' own alerts fire (2 s) but are held back: recorded, not notified
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/alerts?place=gia-phu"))
                    .path("alerts").size() == devices.size() + 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

            // all but two come back: the commune alert resolves, and the two still offline are notified now
            long back = System.currentTimeMillis();
            devices.subList(2, devices.size()).forEach(id -> client.publish("tele/" + id + "/state",
                    state("online", back)));
            client.flush();
            await().atMost(WAIT).until(() -> of("gia-phu", "resolved").size() == 1);
            await().atMost(WAIT).until(() -> received.size() == 4);
            assertThat(received.stream().filter(n -> n.getString("kind").equals("firing"))
                    .map(n -> n.getJsonObject("alert").getString("device")).toList())
                    .containsExactlyInAnyOrder("gia-phu", devices.get(0), devices.get(1));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        }
    }

    /**
     * Verifies flap detection: a device going offline and back three times within seconds gets one flapping alert
     * and, once its changes have left the window, exactly one settle notice; its offline alert never notifies.
     */
    @Test
    void flappingDeviceGetsOneAlertAndOneSettleNotice(MqttBroker broker, InfluxDb influx, @TempDir Path tmp)
            throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    for: PT2S
                    flap_window: PT8S
                    flap_start: 4
                    flap_stop: 1
                """);
        int port = webhook();
        String c = "ls-gia-phu-thon-quang-loi";
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("ALERT_RULES", rules.toString())
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + port + "/hook").start().awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), c)) {
            // the dashboard's event stream gets alert changes too
            EventLines stream = new EventLines(service, "place=gia-phu");
            Queue<String> lines = stream.lines();
            client.publish("tele/" + c + "/state", state("online", System.currentTimeMillis()));
            client.flush();
            // three short outages, each seen by the service before the next message
            for (int i = 1; i <= 3; i++) {
                for (String next : List.of("offline", "online")) {
                    client.publish("tele/" + c + "/state", state(next, System.currentTimeMillis()));
                    client.flush();
                    await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/devices/" + c))
                            .at("/state/state").asText().equals(next));
                }
            }

            await().atMost(WAIT).until(() -> of(c, "firing").size() == 1);
            JsonObject flapping = of(c, "firing").get(0);
            assertThat(flapping.getJsonObject("alert").getString("type")).isEqualTo("flapping");
            assertThat(flapping.getString("text")).contains("chập chờn");
            await().atMost(WAIT).until(() -> of(c, "resolved").size() == 1);
            assertThat(of(c, "resolved").get(0).getJsonObject("alert").getString("type")).isEqualTo("flapping");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(lines).contains("event: alert");
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("data: ")
                    .contains("\"type\":\"flapping\"").contains("\"state\":\"resolved\""));
            stream.close();
        }
    }

    /**
     * Verifies the likely cause on outage alerts, from the signs devices gave before going silent: an amplifier fault
     * of a device alone, nothing at all, a falling battery, and four devices of a commune reporting a power loss.
     */
    @Test
    void likelyCauses(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), RULES);
        int port = webhook();
        List<String> others = List.of("ls-gia-phu-thon-quang-loi", "ls-gia-phu-thon-ngoc-ha",
                "ls-gia-phu-thon-lang-ngan", "ls-gia-phu-thon-tan-loc");
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("ALERT_RULES", rules.toString())
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + port + "/hook").start().awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), "script")) {
            // an amplifier fault, then silent alone
            long t = System.currentTimeMillis();
            client.publish("tele/" + B + "/status", "{\"v\":1,\"ts\":" + t + ",\"kind\":\"loudspeaker\","
                    + "\"power\":\"mains\",\"amp_ok\":false}");
            client.publish("tele/" + B + "/state", state("offline", t + 1));
            client.flush();
            await().atMost(WAIT).until(() -> of(B, "firing").size() == 1);
            assertThat(of(B, "firing").get(0).getJsonObject("alert").getJsonObject("likely_cause")
                    .getString("kind")).isEqualTo("device_fault");
            // the cause, then the last values a technician reads before driving out
            assertThat(of(B, "firing").get(0).getString("text")).contains("khả năng: lỗi thiết bị (bộ khuếch đại "
                    + "hỏng) — giá trị cuối: điện lưới, lỗi ampli lúc ");
            assertThat(of(B, "firing").get(0).getJsonObject("alert").getJsonObject("last_values")
                    .getBoolean("amp_ok")).isFalse();
            client.publish("tele/" + B + "/state", state("online", System.currentTimeMillis()));

            // on battery, falling, then silent
            t = System.currentTimeMillis();
            client.publish("tele/" + A + "/status", status(t, 80));
            client.publish("tele/" + A + "/status", status(t + 1, 70));
            client.publish("tele/" + A + "/state", state("offline", t + 2));
            client.flush();
            await().atMost(WAIT).until(() -> of(A, "firing").size() == 1);
            assertThat(of(A, "firing").get(0).getString("text")).contains("khả năng: mất điện (chạy pin rồi mất "
                    + "kết nối) — giá trị cuối: chạy pin, pin 70 % lúc ");
            client.publish("tele/" + A + "/state", state("online", System.currentTimeMillis()));

            // four devices of the commune lose power and go silent together
            long cut = System.currentTimeMillis();
            for (String id : others) {
                client.publish("tele/" + id + "/event", "{\"v\":1,\"ts\":" + cut + ",\"type\":\"power_lost\"}");
                client.publish("tele/" + id + "/state", state("offline", cut + 1));
            }
            client.flush();
            await().atMost(WAIT).until(() -> others.stream().allMatch(id -> of(id, "firing").size() == 1));
            for (String id : others) {
                assertThat(of(id, "firing").get(0).getString("text"))
                        .contains("khả năng: mất điện toàn Gia Phú: 4/");
            }
        }
    }

    /** Verifies the lifecycle and the restart. */
    @Test
    void lifecycleAndRestart(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), RULES);
        int port = webhook();
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("ALERT_RULES", rules.toString())
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + port + "/hook").start().awaitStateReady();
                MqttTestClient a = MqttTestClient.connect(broker.url(), A);
                MqttTestClient b = MqttTestClient.connect(broker.url(), B)) {
            long now = System.currentTimeMillis();
            a.publish("tele/" + A + "/state", state("online", now));
            b.publish("tele/" + B + "/state", state("online", now));
            a.flush();
            b.flush();

            // offline: one firing after the rule's 2 s, in Vietnamese, then one resolution when it is back
            a.publish("tele/" + A + "/state", state("offline", System.currentTimeMillis()));
            a.flush();
            await().atMost(WAIT).until(() -> of(A, "firing").size() == 1);
            JsonObject firing = of(A, "firing").get(0);
            assertThat(firing.getString("text")).startsWith("NGHIÊM TRỌNG: Cụm loa " + A)
                    .contains("Thôn Hải Khê").contains("mất kết nối từ");
            assertThat(firing.getJsonObject("alert").getString("rule")).isEqualTo("device-offline");
            a.publish("tele/" + A + "/state", state("online", System.currentTimeMillis()));
            a.flush();
            await().atMost(WAIT).until(() -> of(A, "resolved").size() == 1);
            assertThat(of(A, "resolved").get(0).getString("text")).startsWith("ĐÃ KHẮC PHỤC");

            // a low battery fires at once and clears; a status from an hour ago fires nothing
            b.publish("tele/" + B + "/status", status(System.currentTimeMillis(), 15));
            b.flush();
            await().atMost(WAIT).until(() -> of(B, "firing").size() == 1);
            b.publish("tele/" + B + "/status", status(System.currentTimeMillis(), 60));
            b.flush();
            await().atMost(WAIT).until(() -> of(B, "resolved").size() == 1);
            b.publish("tele/" + B + "/status", status(System.currentTimeMillis() - 3_600_000, 5));
            b.flush();

            // acknowledged by a person: still open, now acknowledged
            a.publish("tele/" + A + "/state", state("offline", System.currentTimeMillis()));
            b.publish("tele/" + B + "/state", state("offline", System.currentTimeMillis()));
            a.flush();
            b.flush();
            await().atMost(WAIT).until(() -> of(A, "firing").size() == 2 && of(B, "firing").size() == 2);
            JsonNode open = StateUptimeIT.json(service.get("/api/v1/alerts?severity=critical"));
            assertThat(open.path("alerts")).hasSize(2);
            String idA = open.path("alerts").findValuesAsText("id").stream().filter(id -> id.contains(A))
                    .findFirst().orElseThrow();
            assertThat(service.post("/api/v1/alerts/" + idA + "/ack", "{\"note\":\"đang đến\"}").statusCode())
                    .isEqualTo(200);
            assertThat(service.post("/api/v1/alerts/nope/ack", "{}").statusCode()).isEqualTo(404);

            // stopped with both firing; B comes back while the service is down
            service.stop();
            b.publish("tele/" + B + "/state", state("online", System.currentTimeMillis()));
            b.flush();
            service.start().awaitStateReady();

            // exactly one resolution for B, no second firing for anyone; A is still open and still acknowledged
            await().atMost(WAIT).until(() -> of(B, "resolved").size() == 2);
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                    of(A, "firing").size() == 2 && of(B, "firing").size() == 2 && of(B, "resolved").size() == 2
                            && of(A, "resolved").size() == 1);
            JsonNode after = StateUptimeIT.json(service.get("/api/v1/alerts"));
            assertThat(after.path("alerts")).hasSize(1);
            assertThat(after.path("alerts").get(0).path("state").asText()).isEqualTo("acknowledged");
            assertThat(after.path("alerts").get(0).path("note").asText()).isEqualTo("đang đến");
            assertThat(StateUptimeIT.json(service.get("/api/v1/alerts/history")).path("alerts").size())
                    .isGreaterThanOrEqualTo(4);

            // silenced for 6 s: B's alert fires and is recorded, notified once when the silence is over
            long until = System.currentTimeMillis() + 6_000;
            assertThat(service.post("/api/v1/silences", "{\"device\":\"" + B + "\",\"to\":\""
                    + Instant.ofEpochMilli(until) + "\",\"reason\":\"thay ắc quy\","
                    + "\"declared_by\":\"kỹ thuật viên\"}").statusCode()).isEqualTo(201);
            b.publish("tele/" + B + "/state", state("offline", System.currentTimeMillis()));
            b.flush();
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/alerts")).path("alerts")
                    .size() == 2);
            assertThat(of(B, "firing")).hasSize(2);
            await().atMost(WAIT).until(() -> of(B, "firing").size() == 3);
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(until);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> of(B, "firing").size()
                    == 3);
        }
    }
}

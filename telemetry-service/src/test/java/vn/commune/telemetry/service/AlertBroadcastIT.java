package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * The missed-broadcast rule on the real service: a loudspeaker online through its commune's scheduled slot that
 * played nothing raises one alert saying which programme, when and why; the plays it reports late (a gateway's
 * backlog) resolve it. Loudspeakers that were offline for the slot are left to the outage alerts.
 */
@ExtendWith(TestServersExtension.class)
class AlertBroadcastIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String SPEAKER = "ls-gia-phu-thon-ngoc-ha";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private List<JsonObject> of(String kind) {
        return received.stream().filter(n -> n.getString("kind").equals(kind)
                && n.getJsonObject("alert").getString("device").equals(SPEAKER)).toList();
    }

    /** Verifies a missed slot fires once with what was missed, and the late plays resolve it. */
    @Test
    void missedSlotFiresAndLatePlaysResolve(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: broadcast-missed
                    type: broadcast_missed
                    severity: warning
                """);
        int hook = Webhooks.receiver(vertx, message -> received.addAll(Webhooks.notices(message)));
        // a four-minute slot that ended two minutes ago, every day, in force since yesterday
        ZonedDateTime now = ZonedDateTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime start = now.minusMinutes(6);
        ZonedDateTime end = now.minusMinutes(2);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String schedule = """
                {"slots":[{"id":"thoi-su","days":["mon","tue","wed","thu","fri","sat","sun"],"start":"%s",
                           "end":"%s","next_day":%s,"program":"Thời sự"}]}"""
                .formatted(hhmm.format(start), hhmm.format(end), end.toLocalDate().isAfter(start.toLocalDate()));
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp,
                "alerting:\n  broadcast-check: PT1S\n  broadcast-grace: PT1S\n")
                .env("ALERT_RULES", rules.toString())
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook + "/hook").start().awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), "broadcast-script")) {
            // online since well before the slot, with mains power, a status a minute (as its gateway would have
            // forwarded them)
            long since = start.minusMinutes(10).toInstant().toEpochMilli();
            client.publish("tele/" + SPEAKER + "/state", "{\"v\":1,\"state\":\"online\",\"ts\":" + since + "}");
            for (long ts = since; ts < System.currentTimeMillis(); ts += 60_000) {
                client.publish("tele/" + SPEAKER + "/status", "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"loudspeaker\","
                        + "\"power\":\"mains\",\"amp_ok\":true}");
            }
            client.flush();
            assertThat(service.send("PUT", "/api/v1/schedules/gia-phu", schedule).statusCode()).isEqualTo(201);
            String yesterday = LocalDate.now(ZONE).minusDays(1).toString();
            assertThat(service.post("/api/v1/schedules/gia-phu/approve", "{\"version\":1,\"effective_from\":\""
                    + yesterday + "\"}").statusCode()).isEqualTo(200);

            await().atMost(WAIT).until(() -> of("firing").size() == 1);
            JsonObject firing = of("firing").get(0);
            assertThat(firing.getJsonObject("alert").getString("type")).isEqualTo("broadcast_missed");
            assertThat(firing.getString("text")).startsWith("CẢNH BÁO: Cụm loa " + SPEAKER)
                    .contains("bỏ lỡ chương trình phát thanh theo lịch từ " + hhmm.format(start))
                    .contains("\"Thời sự\" " + hhmm.format(start) + "–" + hhmm.format(end) + " "
                            + DateTimeFormatter.ofPattern("dd/MM/yyyy").format(start)
                            + ": phát 0 % (trực tuyến nhưng không phát)");

            // the plays arrive late: the alert resolves, once
            Instant from = start.toInstant().plusSeconds(5);
            Instant to = end.toInstant().minusSeconds(5);
            client.publish("tele/" + SPEAKER + "/event", "{\"v\":1,\"ts\":" + from.toEpochMilli()
                    + ",\"type\":\"broadcast_started\",\"program\":\"Thời sự\",\"detail\":\"slot thoi-su\"}");
            client.publish("tele/" + SPEAKER + "/event", "{\"v\":1,\"ts\":" + to.toEpochMilli()
                    + ",\"type\":\"broadcast_ended\",\"program\":\"Thời sự\",\"detail\":\"slot thoi-su\"}");
            client.flush();
            await().atMost(WAIT).until(() -> of("resolved").size() == 1);
            assertThat(of("resolved").get(0).getString("text")).contains("đã phát đúng lịch trở lại");
            await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> of("firing").size() == 1
                    && of("resolved").size() == 1);
        }
    }
}

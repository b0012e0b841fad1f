package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
 * Routing, grouping and escalation on the real service, with a real SMTP server (GreenMail, with a login), a local
 * HTTP server standing in for the Telegram Bot API, and a real webhook receiver: three loudspeakers of Gia Phú going
 * silent together make one e-mail to Gia Phú's technician and one webhook message, nothing to the technician of
 * another commune; the two nobody acknowledged escalate to staff (e-mail and Telegram), the acknowledged one does not;
 * when they come back the technician gets the three resolutions and staff the two they had, once each.
 */
@ExtendWith(TestServersExtension.class)
class AlertRoutingIT {

    private static final List<String> DEVICES = List.of("ls-gia-phu-thon-hai-khe", "ls-gia-phu-thon-dong-luc",
            "ls-gia-phu-thon-quang-loi");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> webhook = new CopyOnWriteArrayList<>();
    private final List<JsonObject> telegram = new CopyOnWriteArrayList<>();
    private GreenMail mail;

    @AfterEach
    void close() throws Exception {
        if (mail != null) {
            mail.stop();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int server(List<JsonObject> into) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            into.add(body.toJsonObject().put("path", request.path()));
            request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(String state, long ts) {
        return "{\"v\":1,\"state\":\"" + state + "\",\"ts\":" + ts + "}";
    }

    /** Verifies routing by commune, grouping, escalation past an acknowledgement, and resolutions to whoever had. */
    @Test
    void routedGroupedEscalatedResolved(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        int smtp = freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.getManagers().getUserManager().setAuthRequired(true);
        mail.setUser("alerts@example.vn", "alerts", "mat-khau-thu");
        mail.start();
        int hook = server(webhook);
        int bot = server(telegram);
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    severity: critical
                    for: PT1S
                people:
                  - id: binh
                    name: Nguyễn Văn Bình
                    role: technician
                    places: [gia-phu]
                    email: binh@example.vn
                  - id: hoa
                    name: Trần Thị Hoa
                    role: technician
                    places: [tang-loong]
                    email: hoa@example.vn
                  - id: lan
                    name: Lê Thị Lan
                    role: staff
                    email: lan@example.vn
                    telegram: "777000"
                """);
        String config = """
                alerting:
                  escalate-after: PT6S
                  dashboard-url: http://dashboard.test
                  smtp:
                    host: 127.0.0.1
                    port: %d
                    security: none
                    username: alerts
                    password: mat-khau-thu
                    from: alerts@example.vn
                  telegram:
                    base-url: http://127.0.0.1:%d
                    bot-token: "123456:test-token"
                """.formatted(smtp, bot);
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, config)
                .env("ALERT_RULES", rules.toString()).env("ALERT_GROUP_WAIT", "PT2S")
                .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook + "/hook").start().awaitStateReady();
                MqttTestClient client = MqttTestClient.connect(broker.url(), "routing-script")) {
            long now = System.currentTimeMillis();
            DEVICES.forEach(id -> client.publish("tele/" + id + "/state", state("online", now)));
            client.flush();
            await().atMost(WAIT).until(() -> DEVICES.stream().allMatch(id -> StateUptimeIT.json(
                    service.get("/api/v1/devices/" + id)).at("/state/state").asText().equals("online")));
            long down = System.currentTimeMillis();
            DEVICES.forEach(id -> client.publish("tele/" + id + "/state", state("offline", down)));
            client.flush();

            // one e-mail to Gia Phú's technician with the three, one webhook message; the other commune's nothing
            await().atMost(WAIT).until(() -> mailTo("binh@example.vn").size() == 1);
            MimeMessage first = mailTo("binh@example.vn").get(0);
            assertThat(first.getSubject()).isEqualTo("NGHIÊM TRỌNG: 3 cảnh báo mất kết nối ở Gia Phú, Bảo Thắng, "
                    + "Lào Cai");
            DEVICES.forEach(id -> assertThat(body(first)).contains("Cụm loa " + id)
                    .contains("http://dashboard.test/devices/" + id));
            await().atMost(WAIT).until(() -> webhook.size() == 1);
            assertThat(webhook.get(0).getJsonArray("alerts")).hasSize(3);

            // the technician takes one on: it does not escalate; the two others go to staff
            JsonNode open = StateUptimeIT.json(service.get("/api/v1/alerts?place=gia-phu"));
            String acked = open.path("alerts").findValuesAsText("id").stream()
                    .filter(id -> id.contains(DEVICES.get(0))).findFirst().orElseThrow();
            assertThat(service.post("/api/v1/alerts/" + acked + "/ack", "{\"note\":\"đang đến\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(WAIT).until(() -> mailTo("lan@example.vn").size() == 1 && telegram.size() == 1);
            MimeMessage escalated = mailTo("lan@example.vn").get(0);
            assertThat(escalated.getSubject()).startsWith("CHUYỂN CẤP: 2 cảnh báo chưa ai nhận xử lý");
            assertThat(body(escalated)).contains(DEVICES.get(1)).contains(DEVICES.get(2))
                    .doesNotContain(DEVICES.get(0));
            assertThat(telegram.get(0).getString("chat_id")).isEqualTo("777000");
            assertThat(telegram.get(0).getString("path")).isEqualTo("/bot123456:test-token/sendMessage");
            assertThat(telegram.get(0).getString("text")).startsWith("CHUYỂN CẤP: 2 cảnh báo");

            // back: the technician gets the three resolutions in one message, staff the two they had
            long back = System.currentTimeMillis();
            DEVICES.forEach(id -> client.publish("tele/" + id + "/state", state("online", back)));
            client.flush();
            await().atMost(WAIT).until(() -> mailTo("binh@example.vn").size() == 2
                    && mailTo("lan@example.vn").size() == 2 && telegram.size() == 2);
            assertThat(mailTo("binh@example.vn").get(1).getSubject()).startsWith("ĐÃ KHẮC PHỤC: 3 cảnh báo");
            assertThat(mailTo("lan@example.vn").get(1).getSubject()).startsWith("ĐÃ KHẮC PHỤC: 2 cảnh báo");
            assertThat(body(mailTo("lan@example.vn").get(1))).doesNotContain(DEVICES.get(0));
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(15)).until(() ->
                    mail.getReceivedMessages().length == 4 && telegram.size() == 2 && webhook.size() == 3);
            assertThat(mailTo("hoa@example.vn")).isEmpty();
            assertThat(webhook.stream().map(m -> m.getString("kind")).toList())
                    .containsExactly("firing", "escalated", "resolved");
        }
    }
}

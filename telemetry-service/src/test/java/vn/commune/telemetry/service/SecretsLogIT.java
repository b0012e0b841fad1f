package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The service as deployed (its own process, the packaged jar and its log configuration) is given a secret of every
 * kind (API token, MQTT and SMTP passwords, InfluxDB token from a file, Telegram bot token, a webhook URL's key), and
 * made to use each while things fail: a wrong SMTP login, a Telegram stand-in whose error echoes the request's path
 * (with the bot token in it), a webhook that answers 500, wrong API tokens. Its whole log is then searched for every
 * secret, plain, URL-encoded and in Base64: none may appear, and the masks must show where they were.
 */
@ExtendWith(TestServersExtension.class)
class SecretsLogIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DEVICE = "ls-gia-phu-thon-hai-khe";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Verifies that no secret the service was given appears in its log, and that masks do. */
    @Test
    void theLogNeverShowsASecret(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Map<String, String> secrets = Map.of(
                "API_TOKEN", random(), "MQTT_PASSWORD", random(), "INFLUX_TOKEN", random(),
                "SMTP_PASSWORD", random(), "TELEGRAM_BOT_TOKEN", "123456:" + random(), "WEBHOOK_KEY", random());
        Vertx vertx = Vertx.vertx();
        AtomicInteger telegramCalls = new AtomicInteger();
        AtomicInteger webhookCalls = new AtomicInteger();
        int smtp = freePort();
        GreenMail mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.getManagers().getUserManager().setAuthRequired(true);
        mail.setUser("alerts@example.vn", "alerts", "not-the-password-given");
        mail.start();
        Process process = null;
        Path log = tmp.resolve("service.log");
        try {
            // the Bot API stand-in refuses, quoting the path it was called on (which holds the token)
            int telegram = listen(vertx, request -> {
                telegramCalls.incrementAndGet();
                return "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized: " + request + "\"}";
            }, 401);
            int webhook = listen(vertx, request -> {
                webhookCalls.incrementAndGet();
                return "{\"error\":\"no route " + request + "\"}";
            }, 500);
            Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                    version: 1
                    rules:
                      - id: device-offline
                        type: offline
                        severity: critical
                        for: PT0S
                    people:
                      - id: lan
                        name: Lê Thị Lan
                        role: staff
                        email: lan@example.vn
                        telegram: "777000"
                    """);
            Path config = Files.writeString(tmp.resolve("service.yaml"), """
                    alerting:
                      group-wait: PT0.2S
                      smtp:
                        host: 127.0.0.1
                        port: %d
                        security: none
                        username: alerts
                        from: alerts@example.vn
                      telegram:
                        base-url: http://127.0.0.1:%d
                    """.formatted(smtp, telegram));
            Path influxToken = Files.writeString(tmp.resolve("influx-token"), secrets.get("INFLUX_TOKEN") + "\n");
            String database = influx.uniqueDatabaseName("secrets");
            int port = freePort();
            Path jar = Path.of("target", "telemetry-service.jar").toAbsolutePath();
            assertThat(jar).as("the packaged service (mvn package runs before the integration tests)").exists();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), config.toString())
                    .directory(tmp.toFile());
            Map<String, String> env = builder.environment();
            env.put("MQTT_URL", broker.url());
            env.put("MQTT_CLIENT_ID", "svc-" + database);
            env.put("MQTT_SHARED_GROUP", "g" + Math.abs(database.hashCode()));
            env.put("MQTT_USERNAME", "telemetry-service");
            env.put("MQTT_PASSWORD", secrets.get("MQTT_PASSWORD"));
            env.put("INFLUX_URL", influx.url());
            env.put("INFLUX_DB", database);
            env.put("INFLUX_TOKEN_FILE", influxToken.toString());
            env.put("HTTP_HOST", "127.0.0.1");
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("DATA_DIR", tmp.resolve("data").toString());
            env.put("INVENTORY", ServiceHarness.SAMPLE_INVENTORY.toAbsolutePath().toString());
            env.put("USERS_FILE", tmp.resolve("users.yaml").toString());
            env.put("API_TOKEN", secrets.get("API_TOKEN"));
            env.put("ALERT_RULES", rules.toString());
            env.put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + webhook + "/hook?key=" + secrets.get("WEBHOOK_KEY"));
            env.put("SMTP_PASSWORD", secrets.get("SMTP_PASSWORD"));
            env.put("TELEGRAM_BOT_TOKEN", secrets.get("TELEGRAM_BOT_TOKEN"));
            env.put("LOG_LEVEL", "DEBUG");
            process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String base = "http://127.0.0.1:" + port;
            String token = secrets.get("API_TOKEN");
            await().atMost(WAIT).ignoreExceptions().until(() -> get(base + "/api/v1/state", token).body()
                    .contains("\"ready\":true") && get(base + "/ready", null).statusCode() == 200);

            // wrong tokens, one of them the real one with a character more
            assertThat(get(base + "/api/v1/inventory", token + "x").statusCode()).isEqualTo(401);
            assertThat(get(base + "/api/v1/inventory", "x" + token).statusCode()).isEqualTo(401);
            // a device goes down: the alert goes by e-mail (login refused), Telegram (refused) and webhook (500)
            try (MqttTestClient client = MqttTestClient.connect(broker.url(), "secrets-script")) {
                long now = System.currentTimeMillis();
                client.publish("tele/" + DEVICE + "/state", "{\"v\":1,\"state\":\"online\",\"ts\":" + now + "}");
                client.flush();
                await().atMost(WAIT).until(() -> get(base + "/api/v1/devices/" + DEVICE, token).body()
                        .contains("\"state\":\"online\""));
                client.publish("tele/" + DEVICE + "/state", "{\"v\":1,\"state\":\"offline\",\"ts\":"
                        + System.currentTimeMillis() + "}");
                client.flush();
            }
            // each channel failed and was retried at least once (two Telegram and webhook calls, and more failures
            // logged than those four: the e-mails)
            await().atMost(WAIT).until(() -> telegramCalls.get() >= 2 && webhookCalls.get() >= 2
                    && Files.readString(log).split(" failed \\(", -1).length - 1 >= 5);
        } finally {
            if (process != null) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            mail.stop();
            vertx.close().await(10, TimeUnit.SECONDS);
        }

        String text = Files.readString(log);
        assertThat(text).as("the service's log").contains("Alerts: a ").contains("****");
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            for (String form : forms(secret.getValue())) {
                assertThat(text).as("the log holds %s as '%s'", secret.getKey(), form).doesNotContain(form);
            }
        }
    }

    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        return forms;
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A local HTTP server answering every request with {@code status} and the body made from its path and query. */
    private static int listen(Vertx vertx, java.util.function.Function<String, String> body, int status)
            throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(b ->
                request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(body.apply(request.uri())))).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

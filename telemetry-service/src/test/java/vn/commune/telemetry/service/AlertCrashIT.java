package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Nothing forgotten, nothing twice, across a crash: the service runs as its own process with two alerts firing and
 * notified, is killed with SIGKILL ({@code kill -9}), one device comes back while it is down, and the service is started
 * again on the same data, database and session: exactly one resolution is sent, for that device, and no firing is
 * sent a second time. (The firings are notified and their log written before the kill: a crash between a delivery
 * and its log entry would send that one again, at least once, as docs/alerting.md says.)
 */
@ExtendWith(TestServersExtension.class)
class AlertCrashIT {

    private static final String A = "ls-gia-phu-thon-lac-lam";
    private static final String B = "ls-gia-phu-thon-coc-mui";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Verifies a kill -9 with alerts firing and one clearing while the service is down. */
    @Test
    void killedWithAlertsFiring(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"),
                "version: 1\nrules:\n  - id: device-offline\n    type: offline\n    for: PT2S\n");
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        String database = influx.uniqueDatabaseName("crash");
        int port = FreePorts.next();
        Process service = null;
        try {
            int hook = Webhooks.receiver(vertx, message -> received.addAll(Webhooks.notices(message)));
            try (MqttTestClient cleaner = MqttTestClient.connect(broker.url(), "cleaner-" + database)) {
                // the broker is shared with other tests: no retained state of theirs may speak for these devices
                for (String device : List.of(A, B)) {
                    cleaner.publish("tele/" + device + "/state", new byte[0], 1, true);
                }
                cleaner.flush();
            }
            service = start(tmp, broker, influx, database, port, rules, hook);
            awaitReady(port);
            try (MqttTestClient devices = MqttTestClient.connect(broker.url(), "devices")) {
                long now = System.currentTimeMillis();
                devices.publish("tele/" + A + "/state", state("online", now));
                devices.publish("tele/" + B + "/state", state("online", now));
                devices.publish("tele/" + A + "/state", state("offline", now + 10));
                devices.publish("tele/" + B + "/state", state("offline", now + 10));
                devices.flush();
                await().atMost(WAIT).until(() -> count(received, A, "firing") == 1 && count(received, B, "firing")
                        == 1);
                await().atMost(WAIT).until(() -> influx.count(database, "SELECT count(\"ok\") FROM notification")
                        >= 2);

                // killed: no clean stop, nothing flushed on the way out
                service.destroyForcibly();
                assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
                devices.publish("tele/" + B + "/state", state("online", System.currentTimeMillis()));
                devices.flush();

                service = start(tmp, broker, influx, database, port, rules, hook);
                awaitReady(port);
                await().atMost(WAIT).until(() -> count(received, B, "resolved") == 1);
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() ->
                        count(received, A, "firing") == 1 && count(received, B, "firing") == 1
                                && count(received, B, "resolved") == 1 && count(received, A, "resolved") == 0);
                JsonNode open = JSON.readTree(get(port, "/api/v1/alerts").body());
                assertThat(open.path("alerts")).hasSize(1);
                assertThat(open.path("alerts").get(0).path("device").asText()).isEqualTo(A);
            }
        } catch (AssertionError | RuntimeException e) {
            // what the service said is what explains a failure
            Path log = tmp.resolve("service.log");
            String said = Files.exists(log) ? Files.readString(log) : "(no log)";
            throw new AssertionError(e.getMessage() + "\nservice log:\n"
                    + said.substring(Math.max(0, said.length() - 20_000)), e);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static long count(List<JsonObject> received, String device, String kind) {
        return received.stream().filter(n -> n.getString("kind").equals(kind)
                && n.getJsonObject("alert").getString("device").equals(device)).count();
    }

    private static String state(String state, long ts) {
        return "{\"v\":1,\"state\":\"" + state + "\",\"ts\":" + ts + "}";
    }

    private static Process start(Path tmp, MqttBroker broker, InfluxDb influx, String database, int port, Path rules,
            int hook) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), Files.writeString(tmp.resolve("service.yaml"), "{}\n").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().put("MQTT_URL", broker.url());
        builder.environment().put("MQTT_CLIENT_ID", "svc-" + database);
        builder.environment().put("MQTT_SHARED_GROUP", "g" + Math.abs(database.hashCode()));
        builder.environment().put("INFLUX_URL", influx.url());
        builder.environment().put("INFLUX_DB", database);
        builder.environment().put("HTTP_HOST", "127.0.0.1");
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("DATA_DIR", tmp.resolve("data").toString());
        builder.environment().put("INVENTORY", ServiceHarness.SAMPLE_INVENTORY.toAbsolutePath().toString());
        builder.environment().put("API_TOKEN", ServiceHarness.TOKEN);
        builder.environment().put("ALERT_RULES", rules.toString());
        builder.environment().put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook + "/hook");
        builder.environment().put("ALERT_GROUP_WAIT", "PT0.5S");
        return builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("service.log").toFile())).start();
    }

    /**
     * Waits for the service to be subscribed to the broker ({@code /ready}: on a first start no session exists
     * before, so a message published earlier is not the service's) and its state tracking to be ready.
     */
    private static void awaitReady(int port) {
        await().atMost(WAIT).ignoreExceptions().until(() -> get(port, "/ready").statusCode() == 200);
        await().atMost(WAIT).ignoreExceptions().until(() -> JSON.readTree(get(port, "/api/v1/state").body())
                .path("ready").asBoolean());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ServiceHarness.TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

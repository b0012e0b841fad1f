package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;

/**
 * The real service for a test: its own database, data folder and MQTT session, on the given broker and InfluxDB,
 * with the project's sample inventory. Can be stopped and started again with the same session and spool.
 */
final class ServiceHarness implements AutoCloseable {

    static final Path SAMPLE_INVENTORY = Path.of("..", "config", "inventory.yaml");
    static final String TOKEN = "test-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path configFile;
    private final Map<String, String> env = new HashMap<>();
    final String database;
    final Path dataDir;
    private final String influxUrl;
    private Application app;

    ServiceHarness(MqttBroker broker, InfluxDb influx, Path tempDir, String extraYaml) {
        this.database = influx.uniqueDatabaseName("svc");
        this.dataDir = tempDir.resolve("data");
        this.configFile = tempDir.resolve("service.yaml");
        this.influxUrl = influx.url();
        env.put("MQTT_URL", broker.url());
        env.put("MQTT_CLIENT_ID", "svc-" + database);
        env.put("MQTT_SHARED_GROUP", "g" + Math.abs(database.hashCode()));
        env.put("INFLUX_URL", influx.url());
        env.put("INFLUX_DB", database);
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.put("INVENTORY", SAMPLE_INVENTORY.toString());
        env.put("ALERT_RULES", Path.of("..", "config", "alerts.yaml").toString());
        env.put("ALERT_GROUP_WAIT", "PT0.2S");
        env.put("API_TOKEN", TOKEN);
        try {
            Files.writeString(configFile, "influx:\n  linger: PT0.05S\n  retry-min: PT0.2S\n  retry-max: PT1S\n"
                    + "mqtt:\n  reconnect-min: PT1S\n  reconnect-max: PT2S\n" + extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceHarness(MqttBroker broker, InfluxDb influx, Path tempDir) {
        this(broker, influx, tempDir, "");
    }

    /** Sets an environment variable of the service (before {@link #start()}). */
    ServiceHarness env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Waits until the service is ready: broker connected, InfluxDB answering. */
    ServiceHarness awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> get("/ready", null).statusCode() == 200);
        return this;
    }

    /** Waits until the service is ready and its state tracking has recovered (every device's evidence rebuilt). */
    ServiceHarness awaitStateReady() {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            HttpResponse<String> state = get("/api/v1/state");
            return state.statusCode() == 200 && state.body().contains("\"ready\":true")
                    && get("/ready", null).statusCode() == 200;
        });
        return this;
    }

    static Inventory sampleInventory() {
        try {
            return InventoryReader.read(SAMPLE_INVENTORY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ServiceHarness start() {
        try {
            ServiceConfig config = ConfigLoader.load(configFile, env);
            app = new Application(config, InventoryReader.read(config.inventory()));
            app.start().await(60, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("service did not start: " + e, e);
        }
    }

    void stop() {
        if (app != null) {
            try {
                app.stop().await(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    String base() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return get(path, TOKEN);
    }

    /** Writes one line of line protocol straight into the service's database (its retention policy). */
    void writeLine(String line) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(influxUrl + "/write?db=" + database
                        + "&rp=ct_400d&precision=ms")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(line)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST path} with a JSON body (or none when null). */
    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    /** {@code method path} with a JSON body (or none when null). */
    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus text of {@code /metrics}. */
    String metrics() {
        HttpResponse<String> response = get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one Prometheus sample, for example {@code ct_ingest_messages_rejected_total{reason="too_large"}}. */
    double metric(String name, String labels) {
        Pattern pattern = Pattern.compile("^" + Pattern.quote(name) + "\\{?([^}\\n]*)}? ([0-9.eE+-]+)$",
                Pattern.MULTILINE);
        Matcher m = pattern.matcher(metrics());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (labels == null || m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}

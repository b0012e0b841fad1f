package vn.commune.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.service.Application;
import vn.commune.telemetry.service.ConfigLoader;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * The gateway with the real telemetry-service behind the district broker: while the commune's uplink is cut its
 * devices are {@code unknown} (their gateway's Will), and once the backlog has arrived their uptime over the cut
 * comes from the backfilled statuses.
 */
class GatewayServiceIT {

    private static final Duration LONG = Duration.ofSeconds(120);
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final List<String> DEVICES = List.of("ls-thu-1", "ls-thu-2", "wifi-thu-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void devicesUnknownDuringACutAndUptimeFromTheBackfilledData(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, """
                version: 1
                levels: [tinh, xa, thon]
                places:
                  - id: tinh-thu
                    name: Tỉnh thử
                    level: tinh
                    children:
                      - id: xa-thu
                        name: Xã thử
                        level: xa
                        lat: 22.3
                        lon: 104.0
                        children:
                          - id: thon-thu
                            name: Thôn thử
                            level: thon
                            population: 500
                            lat: 22.31
                            lon: 104.01
                devices:
                  - {id: gw-xa-thu, kind: gateway, place: xa-thu, name: Gateway xã thử, interval: PT1S}
                  - {id: ls-thu-1, kind: loudspeaker, place: thon-thu, name: Loa 1, gateway: gw-xa-thu, interval: PT1S}
                  - {id: ls-thu-2, kind: loudspeaker, place: thon-thu, name: Loa 2, gateway: gw-xa-thu, interval: PT1S}
                  - {id: wifi-thu-1, kind: wifi, place: thon-thu, name: Wi-Fi 1, gateway: gw-xa-thu, interval: PT1S}
                """);
        try (MqttBroker local = TestServers.newBroker();
             MqttBroker district = TestServers.newBroker();
             InfluxDb influx = TestServers.newInfluxDb();
             TcpRelay uplink = new TcpRelay("127.0.0.1", district.port())) {
            Application service = startService(dir, district, influx, inventory);
            ScheduledExecutorService devices = Executors.newSingleThreadScheduledExecutor();
            GatewayFixture fixture = new GatewayFixture(dir, "gw-xa-thu", local, district,
                    "status-interval: PT0.5S\ninventory: " + inventory + "\n");
            rewriteDistrictUrl(fixture, district, uplink);
            try (Gateway gateway = fixture.start();
                 MqttTestClient publisher = MqttTestClient.connect(local.url(), "devices")) {
                String base = "http://127.0.0.1:" + service.httpPort();
                for (String device : DEVICES) {
                    publisher.publish("tele/" + device + "/state", ("{\"v\":1,\"state\":\"online\",\"ts\":"
                            + System.currentTimeMillis() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            1, true);
                }
                // the devices report every 0.4 s (their interval is 1 s)
                devices.scheduleAtFixedRate(() -> {
                    for (String device : DEVICES) {
                        String kind = device.startsWith("ls") ? "loudspeaker" : "wifi";
                        publisher.publish("tele/" + device + "/status", "{\"v\":1,\"ts\":"
                                + System.currentTimeMillis() + ",\"kind\":\"" + kind + "\"}");
                    }
                }, 0, 400, TimeUnit.MILLISECONDS);
                for (String device : DEVICES) {
                    await().atMost(LONG).until(() -> state(base, device).equals("online"));
                }

                // When the commune's uplink is cut
                long cutAt = System.currentTimeMillis();
                uplink.cut();
                // Then its devices are unknown (their gateway is unreachable), while the gateway keeps their data
                await().atMost(LONG).until(() -> state(base, "gw-xa-thu").equals("offline"));
                for (String device : DEVICES) {
                    await().atMost(LONG).until(() -> state(base, device).equals("unknown"));
                }
                await().atMost(LONG).until(() -> gateway.log().depth() >= 45);

                // When the uplink returns
                long restoredAt = System.currentTimeMillis();
                uplink.restore();
                await().atMost(LONG).until(() -> state(base, "gw-xa-thu").equals("online"));
                await().atMost(LONG).until(() -> gateway.log().depth() <= 3);
                devices.shutdown();
                assertThat(devices.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                // Then each device's uptime over the cut comes from its backfilled statuses: online throughout
                String period = "&from=" + Instant.ofEpochMilli(cutAt) + "&to=" + Instant.ofEpochMilli(restoredAt);
                for (String device : DEVICES) {
                    await().atMost(LONG).untilAsserted(() -> {
                        JsonNode uptime = get(base, "/api/v1/uptime?device=" + device + period);
                        assertThat(uptime.at("/seconds/unknown").asDouble()).as(uptime.toString()).isZero();
                        assertThat(uptime.at("/seconds/offline").asDouble()).as(uptime.toString()).isZero();
                        assertThat(uptime.at("/seconds/online").asDouble()).as(uptime.toString())
                                .isEqualTo((restoredAt - cutAt) / 1000.0);
                    });
                }
            } finally {
                devices.shutdownNow();
                service.stop().await(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void rewriteDistrictUrl(GatewayFixture fixture, MqttBroker district, TcpRelay uplink)
            throws IOException {
        String yaml = Files.readString(fixture.configFile).replace(district.url(), uplink.url());
        Files.writeString(fixture.configFile, yaml);
    }

    private static Application startService(Path dir, MqttBroker broker, InfluxDb influx, Path inventory)
            throws Exception {
        Path config = dir.resolve("service.yaml");
        Files.writeString(config, "influx:\n  linger: PT0.05S\n  retry-min: PT0.2S\n  retry-max: PT1S\n"
                + "mqtt:\n  reconnect-min: PT1S\n  reconnect-max: PT2S\n"
                + "state:\n  run-marker-period: PT0.5S\n");
        Map<String, String> env = new HashMap<>();
        String database = influx.uniqueDatabaseName("gw");
        env.put("MQTT_URL", broker.url());
        env.put("MQTT_CLIENT_ID", "svc-" + database);
        env.put("MQTT_SHARED_GROUP", "g" + Math.abs(database.hashCode()));
        env.put("INFLUX_URL", influx.url());
        env.put("INFLUX_DB", database);
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", "0");
        env.put("DATA_DIR", dir.resolve("service-data").toString());
        env.put("INVENTORY", inventory.toString());
        env.put("ALERT_RULES", Path.of("..", "config", "alerts.yaml").toString());
        env.put("API_TOKEN", TOKEN);
        Application app = new Application(ConfigLoader.load(config, env), InventoryReader.read(inventory));
        app.start().await(60, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + app.httpPort();
        await().atMost(LONG).ignoreExceptions().until(() -> get(base, "/api/v1/state").path("ready").asBoolean());
        return app;
    }

    private String state(String base, String device) {
        try {
            return get(base, "/api/v1/devices/" + device).at("/state/state").asText();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static JsonNode get(String base, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

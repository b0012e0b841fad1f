package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

@ExtendWith(TestServersExtension.class)
class IngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Verifies that N QoS 1 messages from many devices are all queryable with the right values and tags. */
    @Test
    void everyMessageFromEveryDeviceIsStored(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady();
                MqttTestClient publisher = MqttTestClient.connect(broker.url(), "pub-" + service.database)) {
            List<String> devices = Payloads.loudspeakers(ServiceHarness.sampleInventory());
            int perDevice = 25;
            long base = System.currentTimeMillis() - 3_600_000;
            // When every loudspeaker of the district sends 25 statuses
            for (int i = 0; i < perDevice; i++) {
                for (int d = 0; d < devices.size(); d++) {
                    long seq = (long) i * devices.size() + d;
                    publisher.publish("tele/" + devices.get(d) + "/status", Payloads.loudspeaker(base + i * 1000L, seq));
                }
            }
            publisher.flush();
            int total = perDevice * devices.size();

            // Then every one is stored once, with its tags from the inventory
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(influx.count(service.database, "SELECT count(uptime_s) FROM status")).isEqualTo(total));
            JsonNode perDeviceCounts = influx.query(service.database, "SELECT count(uptime_s) FROM status GROUP BY device")
                    .path("results").path(0).path("series");
            assertThat(perDeviceCounts).hasSize(devices.size());
            perDeviceCounts.forEach(series -> assertThat(series.path("values").path(0).path(1).asInt())
                    .isEqualTo(perDevice));
            String first = devices.get(0);
            List<JsonNode> rows = influx.rows(service.database, "SELECT uptime_s, volume_pct, temp_c, playing, program,"
                    + " power, commune, village, district, kind FROM status WHERE device = '" + first
                    + "' ORDER BY time ASC");
            assertThat(rows).hasSize(perDevice);
            JsonNode row = rows.get(0);
            assertThat(row.get(1).asLong()).isEqualTo(0);
            assertThat(row.get(2).asLong()).isEqualTo(80);
            assertThat(row.get(3).asDouble()).isEqualTo(20.5);
            assertThat(row.get(4).asBoolean()).isTrue();
            assertThat(row.get(5).asText()).isEqualTo("Bản tin sáng");
            assertThat(row.get(6).asText()).isEqualTo("mains");
            assertThat(row.get(7).asText()).isNotBlank();
            assertThat(row.get(8).asText()).isEqualTo(first.substring("ls-".length()));
            assertThat(row.get(9).asText()).isEqualTo("bao-thang");
            assertThat(row.get(10).asText()).isEqualTo("loudspeaker");

            // And the API reads the last one back with its place, and /metrics counted them
            HttpResponse<String> latest = service.get("/api/v1/devices/" + first + "/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(latest.body());
            assertThat(body.path("status").path("fields").path("uptime_s").asLong())
                    .isEqualTo((long) (perDevice - 1) * devices.size());
            assertThat(body.path("place").get(body.path("place").size() - 1).path("id").asText())
                    .isEqualTo(first.substring("ls-".length()));
            assertThat(service.metric("ct_ingest_messages_accepted_total", "channel=\"status\""))
                    .isGreaterThanOrEqualTo(total);
            // (the service counts a write when it has InfluxDB's answer, a moment after the points are queryable)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(service.metric("ct_storage_points_written_total", null)).isGreaterThanOrEqualTo(total));
            // /health reports the same count (what a watcher polls instead of a whole scrape)
            JsonNode health = JSON.readTree(service.get("/health", null).body());
            assertThat(health.path("status").asText()).isEqualTo("alive");
            assertThat(health.path("points_written").asLong()).isGreaterThanOrEqualTo(total);
        }
    }

    /** Verifies the API's guard: no token, a wrong token, an unknown device, a bad id. */
    @Test
    void apiAnswersErrorsAsJson(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).start()) {
            assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get("/ready", null).statusCode() == 200);
            HttpResponse<String> noToken = service.get("/api/v1/devices/unregistered", null);
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(noToken.body()).path("error").asText()).isEqualTo("unauthorized");
            assertThat(service.get("/api/v1/devices/unregistered", "wrong-token").statusCode()).isEqualTo(401);
            HttpResponse<String> unknown = service.get("/api/v1/devices/nobody-here/latest");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("detail").asText()).contains("nobody-here");
            assertThat(service.get("/api/v1/devices/bad%20id/latest").statusCode()).isEqualTo(400);
            assertThat(service.get("/api/v1/nothing").statusCode()).isEqualTo(404);
        }
    }
}

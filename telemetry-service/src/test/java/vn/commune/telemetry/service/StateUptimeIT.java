package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** Device state and uptime end to end: event time, late data, maintenance windows, a restart. */
@ExtendWith(TestServersExtension.class)
class StateUptimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    private static final List<String> SPEAKERS = Payloads.loudspeakers(ServiceHarness.sampleInventory());

    /**
     * Verifies that uptime comes from the devices' own timestamps, that a backlog arriving late repaints the outage
     * it covers, that maintenance time is set apart, and that all of it is the same after a restart.
     */
    @Test
    void eventTimeUptimeRepaintedByLateDataAndRebuiltAfterRestart(MqttBroker broker, InfluxDb influx,
            @TempDir Path tmp) throws Exception {
        String a = SPEAKERS.get(0);
        String b = SPEAKERS.get(1);
        long base = (System.currentTimeMillis() - 2 * 60 * MINUTE) / MINUTE * MINUTE;
        String period = "&from=" + Instant.ofEpochMilli(base) + "&to=" + Instant.ofEpochMilli(base + 60 * MINUTE);
        ServiceHarness service = new ServiceHarness(broker, influx, tmp, "state:\n  run-marker-period: PT0.5S\n")
                .start().awaitStateReady();
        try (MqttTestClient device = MqttTestClient.connect(broker.url(), "dev-" + service.database)) {
            // Given an instance of the service ran over that hour (else silence there would prove nothing)
            service.writeLine("service_run,instance=earlier until=" + (base + 70 * MINUTE) + "i,clean=true "
                    + (base - 10 * MINUTE));
            await().atMost(Duration.ofSeconds(10)).until(() -> json(service.get("/api/v1/state")).path("runs")
                    .size() == 2);

            // And two loudspeakers reporting every minute for an hour; A's statuses 20..29 do not arrive (yet)
            for (int k = 0; k < 60; k++) {
                if (k < 20 || k >= 30) {
                    device.publish("tele/" + a + "/status", Payloads.loudspeaker(base + k * MINUTE, k));
                }
                device.publish("tele/" + b + "/status", Payloads.loudspeaker(base + k * MINUTE, k));
            }
            device.flush();

            // Then A was offline from its last status before the gap plus one interval until the gap's end
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode uptime = json(service.get("/api/v1/uptime?device=" + a + period));
                assertThat(uptime.at("/seconds/offline").asDouble()).as(uptime.toString()).isEqualTo(600.0);
                assertThat(uptime.at("/seconds/online").asDouble()).isEqualTo(3000.0);
            });
            JsonNode before = json(service.get("/api/v1/uptime?device=" + a + period));
            assertThat(before.path("outages").asInt()).isEqualTo(1);
            assertThat(before.path("uptime_pct").asDouble()).isCloseTo(83.3333, Offset.offset(0.001));
            assertThat(before.at("/longest_outage/from").asText()).isEqualTo(
                    Instant.ofEpochMilli(base + 20 * MINUTE).toString());
            assertThat(before.path("timeline")).hasSize(3);

            // When the missing statuses arrive late (a gateway's backlog)
            for (int k = 20; k < 30; k++) {
                device.publish("tele/" + a + "/status", Payloads.loudspeaker(base + k * MINUTE, k));
            }
            device.flush();

            // Then the outage is repainted away
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode uptime = json(service.get("/api/v1/uptime?device=" + a + period));
                assertThat(uptime.at("/seconds/offline").asDouble()).isZero();
                assertThat(uptime.at("/seconds/online").asDouble()).isEqualTo(3600.0);
                assertThat(uptime.path("outages").asInt()).isZero();
            });

            // And a maintenance window declared for B over ten minutes of that hour is set apart
            HttpResponse<String> declared = service.post("/api/v1/maintenance", "{\"device\":\"" + b + "\",\"from\":\""
                    + Instant.ofEpochMilli(base + 10 * MINUTE) + "\",\"to\":\""
                    + Instant.ofEpochMilli(base + 20 * MINUTE) + "\",\"reason\":\"thay loa\",\"declared_by\":\"Lan\"}");
            assertThat(declared.statusCode()).isEqualTo(201);
            String windowId = json(declared).path("id").asText();
            JsonNode withWindow = json(service.get("/api/v1/uptime?device=" + b + period));
            assertThat(withWindow.at("/seconds/maintenance").asDouble()).isEqualTo(600.0);
            assertThat(withWindow.at("/seconds/online").asDouble()).isEqualTo(3000.0);
            assertThat(withWindow.path("uptime_pct").asDouble()).isEqualTo(100.0);

            // When the service is stopped and started again
            service.stop();
            service.start().awaitStateReady();

            // Then history, late repaint and window are all rebuilt from storage
            JsonNode afterA = json(service.get("/api/v1/uptime?device=" + a + period));
            assertThat(afterA.at("/seconds/online").asDouble()).isEqualTo(3600.0);
            assertThat(afterA.at("/seconds/offline").asDouble()).isZero();
            JsonNode afterB = json(service.get("/api/v1/uptime?device=" + b + period));
            assertThat(afterB.at("/seconds/maintenance").asDouble()).isEqualTo(600.0);
            JsonNode windows = json(service.get("/api/v1/maintenance?device=" + b));
            assertThat(windows.path("windows")).anySatisfy(w -> {
                assertThat(w.path("id").asText()).isEqualTo(windowId);
                assertThat(w.path("reason").asText()).isEqualTo("thay loa");
                assertThat(w.path("declared_by").asText()).isEqualTo("Lan");
            });
            JsonNode state = json(service.get("/api/v1/state"));
            assertThat(state.path("runs")).hasSize(3);
            assertThat(influx.count(service.database, "SELECT count(cause) FROM transition WHERE device = '" + a
                    + "'")).isGreaterThanOrEqualTo(3);
        } finally {
            service.close();
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

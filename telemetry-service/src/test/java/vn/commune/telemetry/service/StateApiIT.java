package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
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

/** Places, devices, coverage, live events, parameters and inventory reloads through the HTTP API. */
@ExtendWith(TestServersExtension.class)
class StateApiIT {

    private static final String COMMUNE = "pho-lu";

    /**
     * Verifies every read endpoint on one commune whose loudspeakers are online, one offline by its own
     * announcement and one never heard from; the event stream; refused parameters; and inventory reloads.
     */
    @Test
    void placesDevicesCoverageEventsAndReload(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path inventoryFile = tmp.resolve("inventory.yaml");
        Files.copy(ServiceHarness.SAMPLE_INVENTORY, inventoryFile);
        Inventory inventory = ServiceHarness.sampleInventory();
        List<String> speakers = inventory.devicesUnder(COMMUNE).stream()
                .filter(d -> d.kind() == DeviceKind.LOUDSPEAKER).map(Device::id).toList();
        String silent = speakers.get(0);
        String down = speakers.get(1);
        String up = speakers.get(2);
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, "inventory-watch: PT0.5S\n")
                .env("INVENTORY", inventoryFile.toString()).start().awaitStateReady();
                MqttTestClient device = MqttTestClient.connect(broker.url(), "dev-" + service.database)) {
            long now = System.currentTimeMillis();
            // Given every loudspeaker of the commune reporting now, but one silent and one announcing it is offline
            for (String id : speakers.subList(1, speakers.size())) {
                device.publish("tele/" + id + "/status", Payloads.loudspeaker(now - 30_000, 1));
            }
            device.publish("tele/" + down + "/state", "{\"v\":1,\"state\":\"offline\",\"ts\":" + (now - 10_000) + "}");
            device.flush();
            int n = speakers.size();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(StateUptimeIT.json(
                    service.get("/api/v1/places/" + COMMUNE)).at("/devices/by_kind/loudspeaker/online").asInt())
                    .isEqualTo(n - 2));

            // Then the place counts devices by kind and state, for itself and each village
            JsonNode place = StateUptimeIT.json(service.get("/api/v1/places/" + COMMUNE));
            assertThat(place.at("/devices/by_kind/loudspeaker/offline").asInt()).isEqualTo(1);
            assertThat(place.at("/devices/by_kind/loudspeaker/unknown").asInt()).isEqualTo(1);
            assertThat(place.path("children")).hasSize(inventory.children(COMMUNE).size());
            assertThat(place.path("path").get(0).path("id").asText()).isEqualTo("lao-cai");

            // And devices filter by place, kind and state; one device tells its state, since when, last status
            JsonNode offline = StateUptimeIT.json(service.get("/api/v1/devices?place=" + COMMUNE
                    + "&kind=loudspeaker&state=offline"));
            assertThat(offline.path("total").asInt()).isEqualTo(1);
            assertThat(offline.at("/devices/0/id").asText()).isEqualTo(down);
            assertThat(offline.at("/devices/0/state/cause").asText()).isEqualTo("offline");
            JsonNode one = StateUptimeIT.json(service.get("/api/v1/devices/" + up));
            assertThat(one.at("/state/state").asText()).isEqualTo("online");
            assertThat(one.at("/state/since").asText()).isNotBlank();
            assertThat(one.at("/last_status/fields/rsrp_dbm").asInt()).isEqualTo(-95);
            assertThat(one.path("gateway").asText()).isEqualTo("gw-" + COMMUNE);

            // And coverage: all villages have a loudspeaker, all but two have a working one, signal is fair
            JsonNode coverage = StateUptimeIT.json(service.get("/api/v1/coverage?place=" + COMMUNE
                    + "&kind=loudspeaker"));
            assertThat(coverage.at("/installed/villages").asInt()).isEqualTo(n);
            assertThat(coverage.at("/installed/pct").asDouble()).isEqualTo(100.0);
            assertThat(coverage.at("/working_now/villages").asInt()).isEqualTo(n - 2);
            assertThat(coverage.path("uncovered")).hasSize(2);
            assertThat(coverage.at("/uncovered/0/reason").asText()).isEqualTo("none_working");
            assertThat(coverage.at("/signal/classes/fair/villages").asInt()).isEqualTo(n - 1);
            assertThat(coverage.at("/signal/classes/none/villages").asInt()).isEqualTo(1);

            // And cameras standing at the commune, not in a village, are said to cover no village
            long cameras = inventory.devicesAt(COMMUNE).stream().filter(d -> d.kind() == DeviceKind.CAMERA).count();
            JsonNode cameraCoverage = StateUptimeIT.json(service.get("/api/v1/coverage?place=" + COMMUNE
                    + "&kind=camera"));
            assertThat(cameraCoverage.path("devices_outside_villages").asLong()).isEqualTo(cameras);

            // And a period reaching back beyond the retention (400 days) is answered once the history is loaded: the
            // stretch before anything could be stored is unknown, not an error
            long day = 86_400_000L;
            String old = "/api/v1/uptime?device=" + up + "&from=" + java.time.Instant.ofEpochMilli(now - 401 * day)
                    + "&to=" + java.time.Instant.ofEpochMilli(now - 2 * day);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get(old).statusCode() == 200);
            JsonNode longAgo = StateUptimeIT.json(service.get(old));
            assertThat(longAgo.at("/seconds/unknown").asDouble()).isEqualTo(399 * 86_400.0);
            assertThat(longAgo.at("/seconds/offline").asDouble()).isZero();

            // When a client follows the event stream and a device goes offline
            EventLines stream = new EventLines(service, "place=" + COMMUNE);
            Queue<String> lines = stream.lines();
            assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            device.publish("tele/" + up + "/state", "{\"v\":1,\"state\":\"offline\",\"ts\":"
                    + System.currentTimeMillis() + "}");
            device.flush();

            // Then it gets the change as it happens
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line ->
                    line.startsWith("data: ") && line.contains("\"device\":\"" + up + "\"")
                            && line.contains("\"state\":\"offline\"")));
            assertThat(lines).contains("event: state");
            stream.close();

            // And bad parameters are refused, naming the parameter
            assertError(service.get("/api/v1/uptime"), 400, "'device'");
            assertError(service.get("/api/v1/uptime?device=" + up + "&from=yesterday"), 400, "'from'");
            assertError(service.get("/api/v1/uptime?place=" + COMMUNE + "&from=2026-01-02T00:00:00Z"
                    + "&to=2026-01-01T00:00:00Z"), 400, "'from'");
            assertError(service.get("/api/v1/coverage?place=" + COMMUNE + "&kind=gateway"), 400, "'kind'");
            assertError(service.get("/api/v1/coverage?kind=wifi"), 400, "'place'");
            assertError(service.get("/api/v1/devices?state=broken"), 400, "'state'");
            assertError(service.get("/api/v1/devices?limit=0"), 400, "'limit'");
            assertError(service.get("/api/v1/places/nowhere"), 404, "nowhere");
            assertError(service.get("/api/v1/uptime?device=ghost"), 404, "ghost");
            assertError(service.post("/api/v1/maintenance", "{\"device\":\"" + up + "\",\"reason\":\"x\","
                    + "\"declared_by\":\"" + "x".repeat(101) + "\"}"), 400, "'declared_by'");
            assertThat(service.get("/api/v1/places/" + COMMUNE, null).statusCode()).isEqualTo(401);

            // When the inventory file is broken, a reload is refused with the line and the running one stays
            String good = Files.readString(inventoryFile);
            Files.writeString(inventoryFile, good.replace("    kind: wifi\n", "    kind: wi-fi\n"));
            HttpResponse<String> refused = service.post("/api/v1/inventory/reload", null);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problem = new ObjectMapper().readTree(refused.body());
            assertThat(problem.path("error").asText()).isEqualTo("invalid_inventory");
            assertThat(problem.path("line").asInt()).isPositive();
            assertThat(problem.path("reason").asText()).isNotBlank();
            assertThat(service.get("/api/v1/devices/" + up).statusCode()).isEqualTo(200);

            // And a good file is taken up when it changes, without asking
            Files.writeString(inventoryFile, good + "  - id: ls-new-1\n    kind: loudspeaker\n    place: "
                    + inventory.leavesUnder(COMMUNE).get(0).id() + "\n");
            await().atMost(Duration.ofSeconds(15)).until(() -> service.get("/api/v1/devices/ls-new-1").statusCode()
                    == 200);
            assertThat(StateUptimeIT.json(service.get("/api/v1/devices/ls-new-1")).at("/state/state").asText())
                    .isEqualTo("unknown");
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String detail) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).contains(detail);
    }
}

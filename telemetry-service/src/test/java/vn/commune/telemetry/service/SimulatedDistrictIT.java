package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.simulator.Simulation;
import vn.commune.telemetry.simulator.SimulationConfig;
import vn.commune.telemetry.simulator.SimulationReport;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

@ExtendWith(TestServersExtension.class)
class SimulatedDistrictIT {

    /**
     * Verifies that a short accelerated run of the simulated sample district ends with every device of the
     * inventory known to the service: stored, and answered by the API.
     */
    @Test
    void everyDeviceOfTheDistrictIsKnownAfterAShortRun(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Inventory inventory = ServiceHarness.sampleInventory();
        // its own broker: the simulator leaves retained state messages that other tests must not receive
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady()) {
            // When the simulator plays ten minutes of the district as fast as it can
            SimulationReport report;
            try (Simulation simulation = Simulation.start(SimulationConfig.builder(broker.url(), inventory)
                    .duration(Duration.ofMinutes(10)).unpaced().seed(7).reportEvery(null).build())) {
                report = simulation.completion().get(3, TimeUnit.MINUTES);
            }
            assertThat(report.messagesSent()).isGreaterThan(inventory.devices().size());
            // Then every device has stored points, and nothing was refused
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Set<String> stored = new HashSet<>();
                for (JsonNode row : influx.rows(service.database, "SHOW TAG VALUES FROM status WITH KEY = device")) {
                    stored.add(row.get(1).asText());
                }
                assertThat(stored).containsExactlyInAnyOrderElementsOf(
                        inventory.devices().stream().map(Device::id).toList());
            });
            assertThat(service.metric("ct_ingest_messages_rejected_total", null)).isZero();
            assertThat(service.metric("ct_ingest_unregistered_devices", null)).isZero();
            // And the API answers each of them with its latest status (awaited too: once in fifteen runs a device
            // listed by SHOW TAG VALUES had no queryable status yet a moment later, most likely a write in progress:
            // InfluxDB indexes a batch's new series before it adds their points)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Device device : inventory.devices()) {
                    assertThat(service.get("/api/v1/devices/" + device.id() + "/latest").statusCode())
                            .as(device.id()).isEqualTo(200);
                }
            });
        }
    }
}

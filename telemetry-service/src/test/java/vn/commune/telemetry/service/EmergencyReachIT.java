package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.simulator.ConnectionMode;
import vn.commune.telemetry.simulator.Simulation;
import vn.commune.telemetry.simulator.SimulationConfig;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fault.FaultSpec;
import vn.commune.telemetry.simulator.fault.FaultTarget;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.truth.GroundTruth;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Emergency reach against the simulator's truth, in real time: a commune of four loudspeakers, one dead when the
 * emergency is issued (back 70 s into the run of 85 s), one with a broken amplifier. The service's reach must name
 * exactly the loudspeakers that played it, each from the instant the truth says, and count them within 1 and 5 minutes
 * as the truth does.
 */
@ExtendWith(TestServersExtension.class)
class EmergencyReachIT {

    private static final String INVENTORY = """
            version: 1
            levels: [province, commune, village]
            places:
              - id: lao-cai
                name: Lào Cai
                level: province
                children:
                  - id: gia-phu
                    name: Gia Phú
                    level: commune
                    children:
                      - {id: thon-1, name: Thôn 1, level: village, population: 400, lat: 22.35, lon: 104.02}
                      - {id: thon-2, name: Thôn 2, level: village, population: 500, lat: 22.34, lon: 104.00}
                      - {id: thon-3, name: Thôn 3, level: village, population: 300, lat: 22.33, lon: 104.01}
                      - {id: thon-4, name: Thôn 4, level: village, population: 600, lat: 22.36, lon: 104.03}
            devices:
              - {id: ls-1, kind: loudspeaker, place: thon-1}
              - {id: ls-2, kind: loudspeaker, place: thon-2}
              - {id: ls-3, kind: loudspeaker, place: thon-3}
              - {id: ls-4, kind: loudspeaker, place: thon-4}
            """;

    /** Verifies the reach of an emergency against what the simulated loudspeakers really played. */
    @Test
    void reachMatchesTheTruth(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path inventoryFile = Files.writeString(tmp.resolve("inventory.yaml"), INVENTORY);
        Path truthFile = tmp.resolve("truth.jsonl");
        FaultPlan faults = FaultPlan.none()
                .with(FaultSpec.after(Duration.ZERO, FaultType.DEAD, FaultTarget.device("ls-2"),
                        Duration.ofSeconds(70)))
                .with(FaultSpec.after(Duration.ZERO, FaultType.AMP_FAILURE, FaultTarget.device("ls-3"),
                        Duration.ofHours(1)));
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("INVENTORY",
                        inventoryFile.toString()).start().awaitStateReady()) {
            SimulationConfig config = SimulationConfig.builder(broker.url(), InventoryReader.read(inventoryFile))
                    .duration(Duration.ofSeconds(85)).speed(1).seed(3).faults(faults).truthFile(truthFile)
                    .connections(ConnectionMode.perDevice()).reportEvery(null).build();
            String id;
            long issuedAt;
            try (Simulation simulation = Simulation.start(config)) {
                simulation.started().get(1, TimeUnit.MINUTES);
                HttpResponse<String> issued = service.post("/api/v1/broadcasts/emergency",
                        "{\"commune\":\"gia-phu\",\"program\":\"Cảnh báo lũ quét\",\"duration\":\"PT10M\"}");
                assertThat(issued.statusCode()).isEqualTo(201);
                JsonNode emergency = StateUptimeIT.json(issued);
                id = emergency.path("id").asText();
                issuedAt = Instant.parse(emergency.path("issued_at").asText()).toEpochMilli();
                simulation.completion().get(3, TimeUnit.MINUTES);
            }

            // the truth: when each loudspeaker first played the emergency
            Map<String, Long> truthFirst = new HashMap<>();
            GroundTruth truth = GroundTruth.read(truthFile);
            for (String device : new String[] {"ls-1", "ls-2", "ls-3", "ls-4"}) {
                truth.playing(device).stream().filter(p -> id.equals(p.bulletin()))
                        .mapToLong(TruthRecord.Playing::from).min().ifPresent(t -> truthFirst.put(device, t));
            }
            assertThat(truthFirst).as("played by the live and the returning loudspeakers")
                    .containsOnlyKeys("ls-1", "ls-2", "ls-4");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode reach = StateUptimeIT.json(service.get("/api/v1/broadcasts/emergency/" + id))
                        .path("reach");
                assertThat(reach.path("targeted").asInt()).isEqualTo(4);
                assertThat(reach.path("playing").asInt()).isEqualTo(truthFirst.size());
                for (Map.Entry<String, Long> entry : truthFirst.entrySet()) {
                    assertThat(Instant.parse(reach.path("devices").path(entry.getKey()).path("started_at").asText())
                            .toEpochMilli()).as("first play of %s", entry.getKey()).isEqualTo(entry.getValue());
                }
                assertThat(reach.path("devices").path("ls-3").isNull()).isTrue();
                long firstTruth = truthFirst.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(reach.path("first_delay_s").asDouble()).isEqualTo((firstTruth - issuedAt) / 1000.0);
                for (int mark : new int[] {60, 300}) {
                    long within = truthFirst.values().stream().filter(t -> t <= issuedAt + mark * 1000L).count();
                    assertThat(reach.path("within").path(mark / 60 + "m").path("playing").asLong())
                            .as("playing within %d s", mark).isEqualTo(within);
                }
                assertThat(reach.at("/within/1m/playing").asInt()).isEqualTo(2);
                assertThat(reach.at("/within/5m/playing").asInt()).isEqualTo(3);
                assertThat(reach.at("/within/1m/final").asBoolean()).isTrue();
            });
        }
    }
}

package vn.commune.telemetry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** Verifies against a real Mosquitto that the same seed gives the same message sequence and the same truth file. */
@ExtendWith(TestServersExtension.class)
class SimulatorDeterminismIT {

    /** Verifies two runs of the sample-sized district with demo faults and malformed messages, and a third seed. */
    @Test
    void sameSeedSameMessagesAndTruth(MqttBroker broker, @TempDir Path dir) throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);

        Map<String, List<String>> first = run(broker, start, 21, dir.resolve("a.jsonl"));
        Map<String, List<String>> second = run(broker, start, 21, dir.resolve("b.jsonl"));
        Map<String, List<String>> other = run(broker, start, 22, dir.resolve("c.jsonl"));

        assertThat(first).hasSizeGreaterThan(400);
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("b.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("a.jsonl")));
        assertThat(other).isNotEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("c.jsonl"))).isNotEqualTo(Files.readAllBytes(dir.resolve("a.jsonl")));
    }

    /** Runs an hour of the district unpaced and returns every device's messages (topic and payload) in order. */
    private static Map<String, List<String>> run(MqttBroker broker, Instant start, long seed, Path truth)
            throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "tele/#")) {
            SimulationConfig config = SimulationConfig.builder(broker.url(), FleetGenerator.district(3))
                    .duration(Duration.ofHours(1)).unpaced().seed(seed).start(start)
                    .faults(FaultPlan.profile("demo").withMalformedRate(0.01)).truthFile(truth).build();
            SimulationReport report;
            try (Simulation simulation = Simulation.start(config)) {
                report = simulation.completion().get(3, TimeUnit.MINUTES);
            }
            assertThat(report.connections()).isEqualTo("per-device");
            assertThat(report.acknowledged()).isEqualTo(report.messagesSent());
            await().atMost(Duration.ofMinutes(1)).until(() -> recorder.liveCount() >= report.messagesSent());
            Map<String, List<String>> byDevice = new LinkedHashMap<>();
            for (TopicRecorder.Delivery delivery : recorder.live()) {
                String device = delivery.topic().split("/")[1];
                byDevice.computeIfAbsent(device, key -> new ArrayList<>()).add(delivery.topic() + " "
                        + new String(delivery.payload(), StandardCharsets.ISO_8859_1));
            }
            return byDevice;
        }
    }
}

package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.simulator.Simulation;
import vn.commune.telemetry.simulator.SimulationConfig;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.truth.TruthReader;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The likely cause of outage alerts checked against the simulator's ground truth. The simulator plays the last seven
 * hours of the sample district as fast as it can, with a power cut over all of Gia Phú from the first half hour (mains
 * devices run on battery until it is empty, then go silent) and Tằng Loỏng cut off from the district (its uplink)
 * for the last ten minutes. Every device the truth has offline from the power cut at the end gets an alert saying
 * power cut (its own, or the commune's); Tằng Loỏng gets one gateway alert saying uplink, and none per device.
 */
@ExtendWith(TestServersExtension.class)
class AlertCauseTruthIT {

    private static final String POWER_CUT = "gia-phu";
    private static final String CUT_OFF = "tang-loong";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private Map<String, JsonObject> firing() {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonObject notice : received) {
            if (notice.getString("kind").equals("firing")) {
                out.put(notice.getJsonObject("alert").getString("device"), notice.getJsonObject("alert"));
            }
        }
        return out;
    }

    /** Verifies the causes of the power cut's and the uplink cut's alerts against the truth. */
    @Test
    void likelyCausesMatchTheTruth(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Inventory inventory = ServiceHarness.sampleInventory();
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    severity: critical
                    for: PT2S
                  - id: gateway-unreachable
                    type: gateway_unreachable
                    severity: critical
                    for: PT2S
                """);
        Path faults = Files.writeString(tmp.resolve("faults.yaml"), """
                faults:
                  - {type: power_cut, place: %s, at: PT30M, duration: PT12H}
                  - {type: commune_outage, commune: %s, at: PT6H50M, duration: PT2H}
                """.formatted(POWER_CUT, CUT_OFF));
        Path truth = tmp.resolve("truth.jsonl");
        int hook = Webhooks.receiver(vertx, message -> received.addAll(Webhooks.notices(message)));
        // its own broker: the simulator leaves retained state messages that other tests must not receive
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("ALERT_RULES", rules.toString())
                        .env("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hook + "/hook").start().awaitStateReady()) {
            Duration length = Duration.ofHours(7);
            try (Simulation simulation = Simulation.start(SimulationConfig.builder(broker.url(), inventory)
                    .start(Instant.now().minus(length)).duration(length).unpaced().seed(11)
                    .faults(FaultPlan.read(faults)).truthFile(truth).reportEvery(null).build())) {
                simulation.completion().get(5, TimeUnit.MINUTES);
            }

            // the truth: who is offline at the end, and why
            Map<String, TruthRecord.State> last = new HashMap<>();
            for (TruthRecord record : TruthReader.read(truth)) {
                if (record instanceof TruthRecord.State state) {
                    last.merge(state.device(), state, (a, b) -> b.from() >= a.from() ? b : a);
                }
            }
            Set<String> powerless = last.values().stream()
                    .filter(s -> !s.online() && s.causes().equals(List.of("power_cut")))
                    .map(TruthRecord.State::device).collect(Collectors.toSet());
            assertThat(powerless).as("the power cut emptied batteries").hasSizeGreaterThan(5);
            String gateway = inventory.devicesUnder(CUT_OFF).stream().filter(d -> d.kind() == DeviceKind.GATEWAY)
                    .map(Device::id).findFirst().orElseThrow();
            assertThat(last.get(gateway).online()).isFalse();
            assertThat(last.get(gateway).causes()).contains("commune_outage");

            await().atMost(WAIT).until(() -> firing().keySet().containsAll(powerless)
                    && firing().containsKey(gateway));
            Map<String, JsonObject> alerts = firing();
            for (String device : powerless) {
                assertThat(alerts.get(device).getJsonObject("likely_cause").getString("kind")).as(device)
                        .isIn("power_cut", "commune_power_cut");
            }
            assertThat(alerts.get(gateway).getString("type")).isEqualTo("gateway_unreachable");
            assertThat(alerts.get(gateway).getJsonObject("likely_cause").getString("kind")).isEqualTo("uplink");
            // the commune cut off is one alert: its devices are unknown, not offline
            Set<String> cutOff = inventory.devicesUnder(CUT_OFF).stream().map(Device::id).collect(Collectors.toSet());
            assertThat(alerts.keySet().stream().filter(cutOff::contains)).containsExactly(gateway);
            // nothing else is offline at the end in the truth, and nothing else is alerted
            assertThat(alerts.keySet()).allMatch(id -> powerless.contains(id) || id.equals(gateway));
        }
    }
}

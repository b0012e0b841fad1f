package vn.commune.telemetry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fault.FaultSpec;
import vn.commune.telemetry.simulator.fault.FaultTarget;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.truth.GroundTruth;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Verifies against a real Mosquitto that each fault shows up in the messages: the Will on a hard disconnect, the
 * battery falling during a power cut, gaps during a commune outage, malformed messages refused for the right reason,
 * flapping links, duplicates, clock skew, a broken amplifier and tampering.
 */
@ExtendWith(TestServersExtension.class)
class FaultsIT {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final long MINUTE = 60_000;

    @TempDir
    static Path dir;

    private static Inventory fleet;
    private static long start;
    private static List<TopicRecorder.Delivery> delivered;
    private static GroundTruth truth;

    /** One unpaced run of four hours with a fault of each kind, recorded from the broker. */
    @BeforeAll
    static void run(MqttBroker broker) throws Exception {
        fleet = Fleets.small();
        Path faults = Files.writeString(dir.resolve("faults.yaml"), """
                malformed_rate: 0.05
                faults:
                  - {type: power_cut, place: gia-phu-thon-hai-khe, at: PT10M, duration: PT3H}
                  - {type: commune_outage, commune: xuan-quang, at: PT30M, duration: PT45M}
                  - {type: link_flap, device: cam-gia-phu-02, at: PT20M, duration: PT1H}
                  - {type: duplicate, device: gw-gia-phu, at: PT0S, duration: PT1H}
                  - {type: clock_skew, device: cam-gia-phu-01, at: PT1H, duration: PT1H, skew: PT20M}
                  - {type: amp_failure, device: ls-gia-phu-thon-dong-luc, at: PT5M, duration: PT2H}
                  - {type: tamper, device: cam-gia-phu-01, at: PT3H, duration: PT5M}
                  - {type: dead, device: wifi-gia-phu-thon-dong-luc, at: PT2H, duration: PT1H}
                  - {type: uplink_cut, commune: gia-phu, at: PT3H20M, duration: PT30M}
                """);
        start = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        Path truthFile = dir.resolve("truth.jsonl");
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "tele/#")) {
            SimulationConfig config = SimulationConfig.builder(broker.url(), fleet).duration(Duration.ofHours(4))
                    .unpaced().seed(17).start(Instant.ofEpochMilli(start)).faults(FaultPlan.read(faults))
                    .truthFile(truthFile).connections(ConnectionMode.pooled(2)).build();
            SimulationReport report;
            try (Simulation simulation = Simulation.start(config)) {
                report = simulation.completion().get(2, TimeUnit.MINUTES);
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> recorder.liveCount() >= report.messagesSent());
            delivered = recorder.live();
        }
        truth = GroundTruth.read(truthFile);
    }

    /** Verifies that a device that vanishes in a real-time run leaves its Will (offline, no ts) to the broker. */
    @Test
    void willOnHardDisconnect(MqttBroker broker) throws Exception {
        String device = "wifi-gia-phu-thon-hai-khe";
        FaultPlan plan = FaultPlan.none().with(FaultSpec.after(Duration.ofSeconds(2), FaultType.DEAD,
                FaultTarget.device(device), Duration.ofHours(1)));
        SimulationConfig config = SimulationConfig.builder(broker.url(), Fleets.small()).speed(1).seed(2)
                .faults(plan).truthFile(dir.resolve("will.jsonl")).build();
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), Topics.state(device));
                Simulation simulation = Simulation.start(config)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.live().stream()
                    .map(d -> decode(d)).anyMatch(m -> m instanceof StateMessage state && state.isWill()));
            List<StateMessage> states = recorder.live().stream().map(FaultsIT::decode)
                    .map(StateMessage.class::cast).toList();
            assertThat(states).extracting(StateMessage::state).containsExactly(ConnectionState.ONLINE,
                    ConnectionState.OFFLINE);
            assertThat(states.get(0).ts()).isNotNull();
            assertThat(states.get(1).ts()).isNull();
            simulation.stop();
            SimulationReport report = simulation.completion().get(1, TimeUnit.MINUTES);
            assertThat(report.truth().get(device).states()).extracting(TruthRecord.State::online)
                    .containsExactly(true, false);
        }
        GroundTruth will = GroundTruth.read(dir.resolve("will.jsonl"));
        assertThat(will.header().wills()).isTrue();
        assertThat(will.states(device)).extracting(TruthRecord.State::online).containsExactly(true, false);
    }

    /** Verifies that during a power cut mains devices report battery power with a falling charge, then go down. */
    @Test
    void batteryFallsDuringAPowerCut() {
        TruthRecord.Fault cut = faults("power_cut").get(0);
        @SuppressWarnings("unchecked")
        List<String> hit = (List<String>) cut.details().get("devices");
        assertThat(hit).isNotEmpty();
        for (String device : hit) {
            assertThat(events(device, EventType.POWER_LOST)).extracting(EventMessage::ts)
                    .containsExactly(cut.from());
            List<StatusMessage> during = statuses(device).stream()
                    .filter(s -> s.ts() >= cut.from() && s.ts() < cut.to()).toList();
            assertThat(during).hasSizeGreaterThan(10).allSatisfy(status ->
                    assertThat(status.common().power()).isEqualTo(Power.BATTERY));
            assertThat(during.get(during.size() - 1).common().batteryPct())
                    .isLessThan(during.get(0).common().batteryPct());
            TruthRecord.State down = states(device).stream().filter(s -> !s.online()).findFirst().orElse(null);
            if (down != null) {
                assertThat(down.causes()).contains("power_cut");
                assertThat(stateMessages(device)).extracting(StateMessage::ts).contains(down.from(), down.to());
                assertThat(events(device, EventType.REBOOT)).extracting(EventMessage::ts).containsExactly(cut.to());
            }
        }
    }

    /** Verifies that no device of a commune cut off reports during the outage, and that it says so by state. */
    @Test
    void gapsDuringACommuneOutage() {
        TruthRecord.Fault outage = faults("commune_outage").get(0);
        assertThat(outage.commune()).isEqualTo("xuan-quang");
        assertThat(outage.from()).isEqualTo(start + 30 * MINUTE);
        for (String device : List.of("gw-xuan-quang", "cam-xuan-quang-01", "ls-xuan-quang-ban-coc-sam",
                "wifi-xuan-quang-thon-bong", "ls-xuan-quang-extra")) {
            assertThat(statuses(device)).filteredOn(s -> s.ts() >= outage.from() && s.ts() < outage.to()).isEmpty();
            assertThat(statuses(device)).filteredOn(s -> s.ts() >= outage.to()).isNotEmpty();
            assertThat(stateMessages(device)).extracting(StateMessage::state, StateMessage::ts).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, start),
                    org.assertj.core.groups.Tuple.tuple(ConnectionState.OFFLINE, outage.from()),
                    org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, outage.to()));
        }
        assertThat(statuses("gw-gia-phu")).filteredOn(s -> s.ts() >= outage.from() && s.ts() < outage.to())
                .isNotEmpty();
    }

    /**
     * Verifies that while a commune's uplink is cut its devices stay online and keep measuring, and that what they
     * sent arrives late, after another commune's messages of the same stretch, with its own timestamps.
     */
    @Test
    void uplinkCutDeliversTheBacklogLate() {
        TruthRecord.Fault cut = faults("uplink_cut").get(0);
        assertThat(cut.commune()).isEqualTo("gia-phu");
        long from = start + 200 * MINUTE;
        long to = from + 30 * MINUTE;
        List<String> ids = fleet.devices().stream().map(d -> d.id()).toList();
        for (String device : List.of("gw-gia-phu", "ls-gia-phu-thon-hai-khe", "wifi-gia-phu-thon-hai-khe")) {
            // online throughout in the truth, and reporting throughout
            assertThat(states(device)).filteredOn(s -> !s.online() && s.from() < to && s.to() > from).isEmpty();
            List<StatusMessage> during = statuses(device).stream().filter(s -> s.ts() >= from && s.ts() < to)
                    .toList();
            assertThat(during).hasSizeGreaterThanOrEqualTo(25);
            // what it sent during the cut arrived after the other commune's messages of that stretch that share its
            // connection (the pool's connection i mod 2: only one connection's messages keep their order)
            int connection = ids.indexOf(device) % 2;
            int lastOfOtherCommune = -1;
            int firstHeld = -1;
            for (int i = 0; i < delivered.size(); i++) {
                TopicRecorder.Delivery delivery = delivered.get(i);
                long ts = statusTs(delivery);
                String sender = delivery.topic().split("/")[1];
                if (sender.contains("xuan-quang") && ids.indexOf(sender) % 2 == connection && ts >= 0 && ts < to) {
                    lastOfOtherCommune = i;
                }
                if (firstHeld < 0 && delivery.topic().equals(Topics.status(device)) && ts >= from) {
                    firstHeld = i;
                }
            }
            assertThat(lastOfOtherCommune).isPositive();
            assertThat(firstHeld).as("first status of %s sent during the cut", device)
                    .isGreaterThan(lastOfOtherCommune);
        }
    }

    /** Verifies that every malformed message is refused by the codec (or the inventory check) for its reason. */
    @Test
    void malformedMessagesAreRefusedForTheirReason() {
        Map<String, Integer> expected = new HashMap<>();
        for (TruthRecord.Fault fault : faults("malformed")) {
            expected.merge((String) fault.details().get("reason"), 1, Integer::sum);
        }
        Map<String, Integer> refused = new HashMap<>();
        for (TopicRecorder.Delivery delivery : delivered) {
            DecodeResult result = CODEC.decode(delivery.topic(), delivery.payload(), System.currentTimeMillis());
            if (result instanceof DecodeResult.Rejected rejected) {
                refused.merge(rejected.reason().tag(), 1, Integer::sum);
            } else if (((DecodeResult.Accepted) result).message() instanceof StatusMessage status) {
                var device = fleet.device(status.deviceId());
                if (device.isEmpty()) {
                    refused.merge("unknown_device", 1, Integer::sum);
                } else if (device.get().kind() != status.kind()) {
                    refused.merge("kind_mismatch", 1, Integer::sum);
                }
            }
        }
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(100);
        assertThat(expected).hasSize(12);
        assertThat(refused).isEqualTo(expected);
    }

    /** Verifies flapping links, duplicates, clock skew, a broken amplifier and tampering in the messages. */
    @Test
    void otherFaultsShowUp() {
        List<TruthRecord.State> flaps = states("cam-gia-phu-02");
        assertThat(flaps.size()).isGreaterThan(3);
        assertThat(stateMessages("cam-gia-phu-02")).extracting(StateMessage::ts)
                .containsExactlyElementsOf(flaps.stream().map(TruthRecord.State::from).toList());

        List<String> gateway = delivered.stream().filter(d -> d.topic().equals(Topics.status("gw-gia-phu")))
                .map(TopicRecorder.Delivery::text).toList();
        assertThat(gateway.size() - gateway.stream().distinct().count()).isEqualTo(120);

        TruthRecord.DeviceInfo camera = truth.devices().get("cam-gia-phu-01");
        List<StatusMessage> skewed = statuses("cam-gia-phu-01");
        for (int i = 0; i < skewed.size(); i++) {
            long trueTime = camera.firstStatus() + i * MINUTE;
            boolean shifted = trueTime >= start + 60 * MINUTE && trueTime < start + 120 * MINUTE;
            assertThat(skewed.get(i).ts()).isEqualTo(trueTime + (shifted ? 20 * MINUTE : 0));
        }

        assertThat(statuses("ls-gia-phu-thon-dong-luc")).filteredOn(s -> s.ts() > start + 6 * MINUTE
                && s.ts() < start + 124 * MINUTE).isNotEmpty().allSatisfy(s ->
                assertThat(((LoudspeakerStatus) s.detail()).ampOk()).isFalse());
        assertThat(events("cam-gia-phu-01", EventType.TAMPER)).extracting(EventMessage::ts)
                .containsExactly(start + 180 * MINUTE);
        assertThat(states("wifi-gia-phu-thon-dong-luc")).filteredOn(s -> !s.online())
                .singleElement().satisfies(s -> assertThat(s.causes()).containsExactly("dead"));
        assertThat(events("wifi-gia-phu-thon-dong-luc", EventType.REBOOT)).extracting(EventMessage::ts)
                .containsExactly(start + 180 * MINUTE);
    }

    /** The timestamp of a delivered status, or -1 when it is not a valid status. */
    private static long statusTs(TopicRecorder.Delivery delivery) {
        DecodeResult result = CODEC.decode(delivery.topic(), delivery.payload(), System.currentTimeMillis());
        return result instanceof DecodeResult.Accepted accepted && accepted.message() instanceof StatusMessage status
                ? status.ts() : -1;
    }

    private static List<TruthRecord.Fault> faults(String type) {
        return truth.faults(type);
    }

    private static List<TruthRecord.State> states(String device) {
        return truth.states(device);
    }

    /** The device's statuses, without the malformed ones that claim another kind. */
    private static List<StatusMessage> statuses(String device) {
        return messages(Topics.status(device), StatusMessage.class).stream()
                .filter(s -> s.kind() == fleet.device(device).orElseThrow().kind()).toList();
    }

    private static List<StateMessage> stateMessages(String device) {
        return messages(Topics.state(device), StateMessage.class);
    }

    private static List<EventMessage> events(String device, EventType type) {
        return messages(Topics.event(device), EventMessage.class).stream().filter(e -> e.type() == type).toList();
    }

    private static <T extends Message> List<T> messages(String topic, Class<T> type) {
        List<T> result = new ArrayList<>();
        for (TopicRecorder.Delivery delivery : delivered) {
            if (delivery.topic().equals(topic)) {
                Message message = decode(delivery);
                if (type.isInstance(message)) {
                    result.add(type.cast(message));
                }
            }
        }
        return result;
    }

    private static Message decode(TopicRecorder.Delivery delivery) {
        DecodeResult result = CODEC.decode(delivery.topic(), delivery.payload(), System.currentTimeMillis());
        return result instanceof DecodeResult.Accepted accepted ? accepted.message() : null;
    }
}

package vn.commune.telemetry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.schedule.Bulletin;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.protocol.schedule.ScheduleCodec;
import vn.commune.telemetry.protocol.schedule.ScheduleResult;
import vn.commune.telemetry.protocol.schedule.ScheduleSlot;
import vn.commune.telemetry.simulator.fault.FaultParams;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fault.FaultSpec;
import vn.commune.telemetry.simulator.fault.FaultTarget;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.truth.GroundTruth;
import vn.commune.telemetry.simulator.truth.TruthRecord;

/** Verifies the simulated devices, faults and truth through the whole simulation, recording instead of sending. */
class SimulationModelTest {

    /** Monday 2026-11-23, 07:00 in Vietnam. */
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    /** Verifies that the same seed gives the same messages in the same order and the same truth file. */
    @Test
    void sameSeedGivesSameMessagesAndTruth() throws Exception {
        Inventory district = FleetGenerator.district(3);
        FaultPlan plan = FaultPlan.profile("demo").withMalformedRate(0.02);

        Run first = run(district, plan, 11, Duration.ofHours(3), Map.of(), dir.resolve("a.jsonl"));
        Run second = run(district, plan, 11, Duration.ofHours(3), Map.of(), dir.resolve("b.jsonl"));
        Run other = run(district, plan, 12, Duration.ofHours(3), Map.of(), dir.resolve("c.jsonl"));

        assertThat(first.lines()).hasSizeGreaterThan(50_000).isEqualTo(second.lines());
        assertThat(Files.readAllBytes(dir.resolve("a.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("b.jsonl")));
        assertThat(other.lines()).isNotEqualTo(first.lines());
        assertThat(first.report().malformedSent()).isPositive();
    }

    /** Verifies that every device joins online at the start and reports at its interval from its phase. */
    @Test
    void devicesReportAtTheirInterval() throws Exception {
        Run run = run(Fleets.small(), FaultPlan.none(), 1, Duration.ofHours(1), Map.of(), dir.resolve("t.jsonl"));
        GroundTruth truth = GroundTruth.read(dir.resolve("t.jsonl"));

        for (TruthRecord.DeviceInfo device : truth.devices().values()) {
            List<StatusMessage> statuses = run.recorded().statuses(device.device());
            long expectedInterval = device.device().equals("ls-xuan-quang-extra") || device.kind().wireName()
                    .equals("gateway") ? 30_000 : 60_000;
            assertThat(device.intervalMillis()).isEqualTo(expectedInterval);
            assertThat(statuses.get(0).ts()).isEqualTo(device.firstStatus());
            for (int i = 1; i < statuses.size(); i++) {
                assertThat(statuses.get(i).ts() - statuses.get(i - 1).ts()).isEqualTo(expectedInterval);
            }
            List<StateMessage> states = run.recorded().states(device.device());
            assertThat(states).singleElement().satisfies(state -> {
                assertThat(state.state()).isEqualTo(ConnectionState.ONLINE);
                assertThat(state.ts()).isEqualTo(START.toEpochMilli());
            });
            assertThat(truth.states(device.device())).hasSize(1);
            TruthRecord.State online = truth.states(device.device()).get(0);
            assertThat(online.online()).isTrue();
            assertThat(online.from()).isEqualTo(START.toEpochMilli());
            assertThat(online.to()).isEqualTo(START.toEpochMilli() + 3_600_000);
            assertThat(online.statuses()).isEqualTo(statuses.size());
            assertThat(online.statusFirst()).isEqualTo(device.firstStatus());
        }
        assertThat(run.report().truth().values()).allSatisfy(device -> assertThat(device.uptimePercent())
                .isEqualTo(100.0));
    }

    /** Verifies that a power cut puts mains devices on a falling battery, then offline, then reboots them. */
    @Test
    void powerCutDrainsTheBatteryThenTakesTheDeviceDown() throws Exception {
        FaultPlan plan = FaultPlan.none().with(FaultSpec.after(Duration.ofMinutes(10), FaultType.POWER_CUT,
                FaultTarget.place("gia-phu"), Duration.ofHours(9)));
        Run run = run(Fleets.small(), plan, 4, Duration.ofHours(12), Map.of(), dir.resolve("t.jsonl"));
        GroundTruth truth = GroundTruth.read(dir.resolve("t.jsonl"));
        assertThat(truth.faults("power_cut")).hasSize(1);
        TruthRecord.Fault cut = truth.faults("power_cut").get(0);
        long from = START.toEpochMilli() + 10 * MINUTE;
        long to = from + 9 * 60 * MINUTE;
        @SuppressWarnings("unchecked")
        List<String> hit = (List<String>) cut.details().get("devices");

        assertThat(cut.fault()).isEqualTo("power_cut");
        assertThat(hit).hasSizeGreaterThan(3);
        for (String device : hit) {
            assertThat(run.recorded().events(device, EventType.POWER_LOST)).singleElement()
                    .satisfies(event -> assertThat(event.ts()).isEqualTo(from));
            List<StatusMessage> during = between(run.recorded().statuses(device), from, to);
            assertThat(during).isNotEmpty().allSatisfy(status ->
                    assertThat(status.common().power()).isEqualTo(Power.BATTERY));
            for (int i = 1; i < during.size(); i++) {
                assertThat(during.get(i).common().batteryPct()).isLessThanOrEqualTo(
                        during.get(i - 1).common().batteryPct());
            }
            TruthRecord.State down = truth.states(device).stream().filter(state -> !state.online()).findFirst()
                    .orElseThrow();
            assertThat(down.causes()).containsExactly("power_cut");
            assertThat(down.to()).isEqualTo(to);
            assertThat(run.recorded().states(device)).extracting(StateMessage::state, StateMessage::ts)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, START.toEpochMilli()),
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.OFFLINE, down.from()),
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, to));
            assertThat(run.recorded().events(device, EventType.REBOOT)).singleElement()
                    .satisfies(event -> assertThat(event.ts()).isEqualTo(to));
            List<StatusMessage> after = between(run.recorded().statuses(device), to, Long.MAX_VALUE);
            assertThat(after.get(0).ts()).isEqualTo(to);
            assertThat(after.get(0).common().power()).isEqualTo(Power.MAINS);
            assertThat(after.get(after.size() - 1).common().batteryPct()).isGreaterThan(
                    after.get(0).common().batteryPct());
            assertThat(between(run.recorded().statuses(device), down.from(), to)).isEmpty();
        }
    }

    /** Verifies that a commune outage leaves a gap in every device's statuses of that commune only. */
    @Test
    void communeOutageLeavesAGap() throws Exception {
        FaultPlan plan = FaultPlan.none().with(FaultSpec.after(Duration.ofMinutes(20), FaultType.COMMUNE_OUTAGE,
                FaultTarget.commune("gia-phu"), Duration.ofMinutes(40)));
        Run run = run(Fleets.small(), plan, 5, Duration.ofHours(2), Map.of(), dir.resolve("t.jsonl"));
        long from = START.toEpochMilli() + 20 * MINUTE;
        long to = from + 40 * MINUTE;

        for (String device : List.of("gw-gia-phu", "cam-gia-phu-01", "ls-gia-phu-thon-hai-khe",
                "wifi-gia-phu-thon-dong-luc")) {
            assertThat(between(run.recorded().statuses(device), from, to)).isEmpty();
            assertThat(run.recorded().states(device)).extracting(StateMessage::state, StateMessage::ts)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, START.toEpochMilli()),
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.OFFLINE, from),
                            org.assertj.core.groups.Tuple.tuple(ConnectionState.ONLINE, to));
            assertThat(between(run.recorded().statuses(device), to, to + 1)).hasSize(1);
            assertThat(run.report().truth().get(device).offlineMillis()).isEqualTo(to - from);
        }
        assertThat(between(run.recorded().statuses("gw-xuan-quang"), from, to)).hasSize(80);
        assertThat(run.report().truth().get("gw-xuan-quang").offlineMillis()).isZero();
    }

    /** Verifies that loudspeakers play the retained schedule at its local times, an emergency interrupting a slot. */
    @Test
    void loudspeakersPlayTheRetainedSchedule() throws Exception {
        long slotStart = Instant.parse("2026-11-23T01:00:00Z").toEpochMilli();
        Run run = run(Fleets.small(), FaultPlan.none(), 6, Duration.ofHours(3), giaPhuSchedule(),
                dir.resolve("t.jsonl"));
        GroundTruth truth = GroundTruth.read(dir.resolve("t.jsonl"));

        for (String speaker : List.of("ls-gia-phu-thon-hai-khe", "ls-gia-phu-thon-dong-luc")) {
            assertThat(run.recorded().events(speaker, null)).extracting(EventMessage::type, EventMessage::ts,
                    EventMessage::detail).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, slotStart, "slot sang"),
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, slotStart + 10 * MINUTE,
                            "slot sang"),
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, slotStart + 10 * MINUTE,
                            "bulletin bao"),
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, slotStart + 15 * MINUTE,
                            "bulletin bao"),
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, slotStart + 15 * MINUTE,
                            "slot sang"),
                    org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, slotStart + 30 * MINUTE,
                            "slot sang"));
            assertThat(between(run.recorded().statuses(speaker), slotStart, slotStart + 30 * MINUTE))
                    .hasSize(30).allSatisfy(status -> assertThat(((LoudspeakerStatus) status.detail()).playing())
                            .isTrue());
            assertThat(between(run.recorded().statuses(speaker), slotStart + 31 * MINUTE, Long.MAX_VALUE))
                    .allSatisfy(status -> {
                        LoudspeakerStatus detail = (LoudspeakerStatus) status.detail();
                        assertThat(detail.playing()).isFalse();
                        assertThat(detail.program()).isEqualTo("Bản tin sáng");
                    });
            assertThat(truth.playing(speaker))
                    .extracting(TruthRecord.Playing::program, TruthRecord.Playing::from, TruthRecord.Playing::to,
                            TruthRecord.Playing::priority)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Bản tin sáng", slotStart, slotStart + 10 * MINUTE,
                                    "normal"),
                            org.assertj.core.groups.Tuple.tuple("Tin bão khẩn cấp", slotStart + 10 * MINUTE,
                                    slotStart + 15 * MINUTE, "emergency"),
                            org.assertj.core.groups.Tuple.tuple("Bản tin sáng", slotStart + 15 * MINUTE,
                                    slotStart + 30 * MINUTE, "normal"));
        }
        assertThat(run.recorded().events("ls-xuan-quang-thon-bong", null)).isEmpty();
    }

    /** Verifies that a loudspeaker with a failed amplifier misses the broadcast and says so. */
    @Test
    void ampFailureMissesTheBroadcast() throws Exception {
        FaultPlan plan = FaultPlan.none().with(FaultSpec.after(Duration.ofMinutes(30), FaultType.AMP_FAILURE,
                FaultTarget.device("ls-gia-phu-thon-hai-khe"), Duration.ofHours(2)));
        Run run = run(Fleets.small(), plan, 6, Duration.ofHours(3), giaPhuSchedule(), dir.resolve("t.jsonl"));

        assertThat(run.report().truth().get("ls-gia-phu-thon-hai-khe").playing()).isEmpty();
        assertThat(run.report().truth().get("ls-gia-phu-thon-dong-luc").playing()).hasSize(3);
        assertThat(run.recorded().events("ls-gia-phu-thon-hai-khe", EventType.BROADCAST_STARTED)).isEmpty();
        assertThat(between(run.recorded().statuses("ls-gia-phu-thon-hai-khe"), START.toEpochMilli() + 31 * MINUTE,
                START.toEpochMilli() + 149 * MINUTE)).allSatisfy(status ->
                assertThat(((LoudspeakerStatus) status.detail()).ampOk()).isFalse());
    }

    /**
     * Verifies the truth of compliance: each slot occurrence and bulletin at each loudspeaker with its minutes, and a
     * miss's cause: an amplifier failure, another programme (played honestly, without a slot), a dead device; a
     * loudspeaker without fault plays all.
     */
    @Test
    void slotTruthNamesEveryMissAndItsCause() throws Exception {
        FaultPlan plan = FaultPlan.none()
                .with(FaultSpec.after(Duration.ofMinutes(30), FaultType.AMP_FAILURE,
                        FaultTarget.device("ls-gia-phu-thon-hai-khe"), Duration.ofHours(2)))
                .with(FaultSpec.after(Duration.ofMinutes(50), FaultType.OTHER_PROGRAM,
                        FaultTarget.device("ls-gia-phu-thon-dong-luc"), Duration.ofMinutes(30)));
        run(Fleets.small(), plan, 6, Duration.ofHours(3), giaPhuSchedule(), dir.resolve("t.jsonl"));
        GroundTruth truth = GroundTruth.read(dir.resolve("t.jsonl"));
        long slotStart = Instant.parse("2026-11-23T01:00:00Z").toEpochMilli();

        assertThat(truth.slots("ls-gia-phu-thon-hai-khe")).extracting(TruthRecord.Slot::item,
                TruthRecord.Slot::expectedMs, TruthRecord.Slot::playedMs, TruthRecord.Slot::missed,
                TruthRecord.Slot::cause).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sang", 25 * MINUTE, 0L, true, "amplifier_fault"),
                org.assertj.core.groups.Tuple.tuple("bao", 5 * MINUTE, 0L, true, "amplifier_fault"));
        // another programme from 00:50 to 01:20 UTC: the slot's first 10 minutes and the emergency are missed
        TruthRecord.Slot other = truth.slots("ls-gia-phu-thon-dong-luc").stream()
                .filter(slot -> slot.item().equals("sang")).findFirst().orElseThrow();
        assertThat(other.playedMs()).isEqualTo(10 * MINUTE);
        assertThat(other.missed()).isTrue();
        assertThat(other.cause()).isEqualTo("other_program");
        assertThat(other.shortfallMs()).containsExactly(Map.entry("other_program", 15 * MINUTE));
        assertThat(other.scheduledFrom()).isEqualTo(slotStart);
        assertThat(other.scheduledTo()).isEqualTo(slotStart + 30 * MINUTE);
        assertThat(truth.playing("ls-gia-phu-thon-dong-luc")).first()
                .satisfies(p -> assertThat(p.program()).isEqualTo("Ca nhạc tự chọn"))
                .satisfies(p -> assertThat(p.slot()).isNull());
        assertThat(truth.slots("ls-xuan-quang-thon-bong")).isEmpty();
    }

    /** Verifies clock skew (shifted timestamps), duplicates (each message twice) and flapping links. */
    @Test
    void skewDuplicatesAndFlaps() throws Exception {
        FaultPlan plan = FaultPlan.none()
                .with(FaultSpec.after(Duration.ofMinutes(10), FaultType.CLOCK_SKEW,
                        FaultTarget.device("cam-gia-phu-01"), Duration.ofMinutes(30))
                        .with(new FaultParams(Duration.ofMinutes(-7), null, null, null, null)))
                .with(FaultSpec.after(Duration.ofMinutes(10), FaultType.DUPLICATE,
                        FaultTarget.device("wifi-xuan-quang-thon-bong"), Duration.ofMinutes(30)))
                .with(FaultSpec.after(Duration.ofMinutes(10), FaultType.LINK_FLAP,
                        FaultTarget.device("wifi-gia-phu-thon-hai-khe"), Duration.ofHours(1)));
        Run run = run(Fleets.small(), plan, 8, Duration.ofHours(2), Map.of(), dir.resolve("t.jsonl"));
        GroundTruth truth = GroundTruth.read(dir.resolve("t.jsonl"));
        long from = START.toEpochMilli() + 10 * MINUTE;

        long phase = truth.devices().get("cam-gia-phu-01").firstStatus();
        List<StatusMessage> skewed = run.recorded().statuses("cam-gia-phu-01");
        assertThat(skewed).hasSize(120);
        for (int i = 0; i < skewed.size(); i++) {
            long trueTime = phase + i * MINUTE;
            boolean shifted = trueTime >= from && trueTime < from + 30 * MINUTE;
            assertThat(skewed.get(i).ts()).isEqualTo(shifted ? trueTime - 7 * MINUTE : trueTime);
        }

        List<RecordingLinks.Sent> duplicated = run.sent().stream()
                .filter(s -> s.topic().equals(Topics.status("wifi-xuan-quang-thon-bong"))).toList();
        List<String> payloads = duplicated.stream().map(RecordingLinks.Sent::text).toList();
        assertThat(payloads.stream().distinct().count()).isEqualTo(payloads.size() - 30);

        List<TruthRecord.State> flaps = truth.states("wifi-gia-phu-thon-hai-khe");
        assertThat(flaps.size()).isGreaterThan(4);
        List<StateMessage> stateMessages = run.recorded().states("wifi-gia-phu-thon-hai-khe");
        assertThat(stateMessages).hasSize(flaps.size());
        for (int i = 0; i < flaps.size(); i++) {
            assertThat(stateMessages.get(i).ts()).isEqualTo(flaps.get(i).from());
            assertThat(stateMessages.get(i).state() == ConnectionState.ONLINE).isEqualTo(flaps.get(i).online());
        }
    }

    private static Map<String, byte[]> giaPhuSchedule() {
        CommuneSchedule schedule = CommuneSchedule.of("gia-phu", 3,
                List.of(ScheduleSlot.daily("sang", LocalTime.of(8, 0), LocalTime.of(8, 30), "Bản tin sáng")),
                List.of(new Bulletin("bao", Priority.EMERGENCY, Instant.parse("2026-11-23T01:10:00Z"),
                        Instant.parse("2026-11-23T01:15:00Z"), "Tin bão khẩn cấp")));
        byte[] payload = ((ScheduleResult.Valid) new ScheduleCodec().encode(schedule)).payload();
        Map<String, byte[]> retained = new HashMap<>();
        retained.put(Topics.communeSchedule("gia-phu"), payload);
        return retained;
    }

    private static List<StatusMessage> between(List<StatusMessage> statuses, long from, long to) {
        return statuses.stream().filter(status -> status.ts() >= from && status.ts() < to).toList();
    }

    private static Run run(Inventory inventory, FaultPlan plan, long seed, Duration duration,
            Map<String, byte[]> retained, Path truth) throws Exception {
        List<RecordingLinks> links = new ArrayList<>();
        SimulationConfig config = SimulationConfig.builder("tcp://127.0.0.1:1", inventory)
                .duration(duration).unpaced().seed(seed).faults(plan).start(START).truthFile(truth)
                .reportEvery(null).build();
        Simulation simulation = Simulation.start(config, RecordingLinks.factory(retained, links));
        SimulationReport report = simulation.completion().get(2, TimeUnit.MINUTES);
        List<RecordingLinks.Sent> sent = links.get(0).sent();
        return new Run(report, sent, new Recorded(sent, START.plus(duration).toEpochMilli()));
    }

    /** A finished run. */
    private record Run(SimulationReport report, List<RecordingLinks.Sent> sent, Recorded recorded) {
        List<String> lines() {
            List<String> lines = new ArrayList<>(sent.size());
            for (RecordingLinks.Sent message : sent) {
                lines.add(message.device() + " " + message.topic() + " " + message.retain() + " " + message.text());
            }
            return lines;
        }
    }
}

package vn.commune.telemetry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.schedule.Bulletin;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.protocol.schedule.ScheduleCodec;
import vn.commune.telemetry.protocol.schedule.ScheduleResult;
import vn.commune.telemetry.protocol.schedule.ScheduleSlot;
import vn.commune.telemetry.simulator.truth.TruthReader;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** Verifies against a real Mosquitto that loudspeakers follow a schedule published while they run. */
@ExtendWith(TestServersExtension.class)
class ScheduleFollowingIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String SPEAKER_1 = "ls-gia-phu-thon-hai-khe";
    private static final String SPEAKER_2 = "ls-gia-phu-thon-dong-luc";

    /** Verifies a slot played at its local time, interrupted by an emergency bulletin, in messages and truth. */
    @Test
    void loudspeakersFollowAScheduleChangedWhileTheyRun(MqttBroker broker, @TempDir Path dir) throws Exception {
        Path truthFile = dir.resolve("truth.jsonl");
        SimulationConfig config = SimulationConfig.builder(broker.url(), Fleets.small())
                .duration(Duration.ofHours(6)).speed(60).seed(3).truthFile(truthFile).build();
        MessageCodec codec = new MessageCodec();
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "tele/+/+");
                MqttTestClient official = MqttTestClient.connect(broker.url(), "official-" + System.nanoTime());
                Simulation simulation = Simulation.start(config)) {
            simulation.started().get(1, TimeUnit.MINUTES);

            // Given a schedule published while the devices run: a slot from 8 simulated minutes ahead, 8 minutes
            // long, and an emergency bulletin in its middle
            Instant slotStart = slotStart(simulation.simulatedNow().plus(Duration.ofMinutes(8)));
            Instant slotEnd = slotStart.plus(Duration.ofMinutes(8));
            Instant alarmStart = slotStart.plus(Duration.ofMinutes(3));
            Instant alarmEnd = slotStart.plus(Duration.ofMinutes(4));
            ZonedDateTime local = slotStart.atZone(VIETNAM);
            CommuneSchedule schedule = CommuneSchedule.of("gia-phu", 1, List.of(ScheduleSlot.daily("thu-nghiem",
                    local.toLocalTime(), local.toLocalTime().plusMinutes(8), "Bản tin thử nghiệm")),
                    List.of(new Bulletin("lu-quet", Priority.EMERGENCY, alarmStart, alarmEnd, "Cảnh báo lũ quét")));
            byte[] payload = ((ScheduleResult.Valid) new ScheduleCodec().encode(schedule)).payload();
            official.publish(Topics.communeSchedule("gia-phu"), payload, 1, true);
            official.flush();

            // When the slot has passed, Then each loudspeaker of the commune announced it and what interrupted it
            await().atMost(Duration.ofMinutes(1)).until(() -> endedEvents(recorder, codec, SPEAKER_1).size() == 3
                    && endedEvents(recorder, codec, SPEAKER_2).size() == 3);
            for (String speaker : List.of(SPEAKER_1, SPEAKER_2)) {
                assertThat(events(recorder, codec, speaker)).extracting(EventMessage::type, EventMessage::ts,
                        EventMessage::program).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, slotStart.toEpochMilli(),
                                "Bản tin thử nghiệm"),
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, alarmStart.toEpochMilli(),
                                "Bản tin thử nghiệm"),
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, alarmStart.toEpochMilli(),
                                "Cảnh báo lũ quét"),
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, alarmEnd.toEpochMilli(),
                                "Cảnh báo lũ quét"),
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_STARTED, alarmEnd.toEpochMilli(),
                                "Bản tin thử nghiệm"),
                        org.assertj.core.groups.Tuple.tuple(EventType.BROADCAST_ENDED, slotEnd.toEpochMilli(),
                                "Bản tin thử nghiệm"));
                List<StatusMessage> during = statuses(recorder, codec, speaker).stream()
                        .filter(s -> s.ts() >= slotStart.toEpochMilli() && s.ts() < slotEnd.toEpochMilli()).toList();
                assertThat(during).hasSize(8).allSatisfy(status ->
                        assertThat(((LoudspeakerStatus) status.detail()).playing()).isTrue());
            }
            assertThat(events(recorder, codec, "ls-xuan-quang-thon-bong")).isEmpty();
            simulation.stop();
            simulation.completion().get(1, TimeUnit.MINUTES);
            official.publish(Topics.communeSchedule("gia-phu"), new byte[0], 1, true);
            official.flush();

            // And the truth says what was really played
            List<TruthRecord.Playing> played = TruthReader.read(truthFile).stream()
                    .filter(TruthRecord.Playing.class::isInstance).map(TruthRecord.Playing.class::cast)
                    .filter(p -> p.device().equals(SPEAKER_1)).toList();
            assertThat(played).extracting(TruthRecord.Playing::slot, TruthRecord.Playing::bulletin,
                    TruthRecord.Playing::from, TruthRecord.Playing::to).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("thu-nghiem", null, slotStart.toEpochMilli(),
                            alarmStart.toEpochMilli()),
                    org.assertj.core.groups.Tuple.tuple(null, "lu-quet", alarmStart.toEpochMilli(),
                            alarmEnd.toEpochMilli()),
                    org.assertj.core.groups.Tuple.tuple("thu-nghiem", null, alarmEnd.toEpochMilli(),
                            slotEnd.toEpochMilli()));
        }
    }

    /** The next whole minute at or after {@code earliest} whose 8-minute slot stays within one local day. */
    private static Instant slotStart(Instant earliest) {
        Instant start = earliest.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        LocalDate day = start.atZone(VIETNAM).toLocalDate();
        if (!start.plus(Duration.ofMinutes(9)).atZone(VIETNAM).toLocalDate().equals(day)) {
            return day.plusDays(1).atTime(0, 1).atZone(VIETNAM).toInstant();
        }
        return start;
    }

    private static List<EventMessage> events(TopicRecorder recorder, MessageCodec codec, String device) {
        return recorder.live().stream().filter(d -> d.topic().equals(Topics.event(device)))
                .map(d -> decode(codec, d)).map(EventMessage.class::cast)
                .filter(e -> e.type() == EventType.BROADCAST_STARTED || e.type() == EventType.BROADCAST_ENDED)
                .toList();
    }

    private static List<EventMessage> endedEvents(TopicRecorder recorder, MessageCodec codec, String device) {
        return events(recorder, codec, device).stream().filter(e -> e.type() == EventType.BROADCAST_ENDED).toList();
    }

    private static List<StatusMessage> statuses(TopicRecorder recorder, MessageCodec codec, String device) {
        return recorder.live().stream().filter(d -> d.topic().equals(Topics.status(device)))
                .map(d -> decode(codec, d)).map(StatusMessage.class::cast).toList();
    }

    private static Object decode(MessageCodec codec, TopicRecorder.Delivery delivery) {
        DecodeResult result = codec.decode(delivery.topic(), delivery.payload(), System.currentTimeMillis());
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        return ((DecodeResult.Accepted) result).message();
    }
}

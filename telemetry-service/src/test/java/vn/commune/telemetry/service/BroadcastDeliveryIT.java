package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.schedule.Bulletin;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.protocol.schedule.ScheduleCodec;
import vn.commune.telemetry.protocol.schedule.ScheduleResult;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Delivery to the loudspeakers on the real service and broker: a draft is never published, an approved schedule is,
 * retained; an emergency for some villages is published at once, for their loudspeakers only, its reach measured from
 * the loudspeakers' events, and its cancellation published; after a restart the schedule is published again with a
 * higher version.
 */
@ExtendWith(TestServersExtension.class)
class BroadcastDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMUNE = "gia-phu";
    private static final String TOPIC = "cmd/commune/" + COMMUNE + "/schedule";
    private static final ScheduleCodec CODEC = new ScheduleCodec();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Verifies delivery end to end. */
    @Test
    void draftApprovalEmergencyReachAndRestart(MqttBroker broker, InfluxDb influx, @TempDir Path tmp)
            throws Exception {
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady().awaitStateReady()) {
            // Given a draft, Then nothing is retained for the commune
            assertThat(service.send("PUT", "/api/v1/schedules/" + COMMUNE, """
                    {"slots":[{"id":"sang","days":["mon","tue","wed","thu","fri","sat","sun"],"start":"05:30",
                               "end":"06:00","program":"Bản tin sáng"},
                              {"id":"dem","days":["sat"],"start":"23:30","end":"00:30","next_day":true,
                               "program":"Văn nghệ"}]}""").statusCode()).isEqualTo(201);
            assertThat(retained(broker)).as("a draft is not delivered").isEmpty();

            // When it is approved, Then it is retained on the commune's topic, the slot across midnight as one slot
            assertThat(service.post("/api/v1/schedules/" + COMMUNE + "/approve", "{\"version\":1}").statusCode())
                    .isEqualTo(200);
            CommuneSchedule first = awaitRetained(broker, s -> s.slots().size() == 2);
            assertThat(first.slots()).filteredOn(slot -> slot.id().equals("dem")).singleElement()
                    .satisfies(slot -> assertThat(slot.nextDay()).isTrue());
            assertThat(first.bulletins()).isEmpty();
            JsonNode delivery = json(service.get("/api/v1/schedules/" + COMMUNE)).path("delivery");
            assertThat(delivery.path("acknowledged").asBoolean()).isTrue();
            assertThat(delivery.path("version").asLong()).isEqualTo(first.version());

            // When an emergency is issued for two villages, Then it is published at once for their loudspeakers
            HttpResponse<String> issued = service.post("/api/v1/broadcasts/emergency", """
                    {"villages":["gia-phu-thon-hai-khe","gia-phu-thon-dong-luc"],"program":"Lũ quét",
                     "duration":"PT30M"}""");
            assertThat(issued.statusCode()).isEqualTo(201);
            String id = json(issued).path("id").asText();
            assertThat(json(issued).path("communes").get(0).path("devices")).hasSize(2);
            CommuneSchedule withEmergency = awaitRetained(broker, s -> !s.bulletins().isEmpty());
            assertThat(withEmergency.version()).isGreaterThan(first.version());
            Bulletin bulletin = withEmergency.bulletins().get(0);
            assertThat(bulletin.id()).isEqualTo(id);
            assertThat(bulletin.priority()).isEqualTo(Priority.EMERGENCY);
            assertThat(bulletin.devices()).containsExactly("ls-gia-phu-thon-hai-khe", "ls-gia-phu-thon-dong-luc");
            assertThat(bulletin.end().toEpochMilli() - bulletin.start().toEpochMilli()).isEqualTo(1_800_000);

            // When one targeted loudspeaker reports playing it 40 s after the issue, Then the reach says so
            long start = bulletin.start().toEpochMilli();
            try (MqttTestClient device = MqttTestClient.connect(broker.url(), "ls-gia-phu-thon-hai-khe")) {
                device.publish("tele/ls-gia-phu-thon-hai-khe/event", "{\"v\":1,\"ts\":" + (start + 40_000)
                        + ",\"type\":\"broadcast_started\",\"program\":\"Lũ quét\",\"detail\":\"bulletin " + id
                        + "\"}");
                device.flush();
            }
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode reach = json(service.get("/api/v1/broadcasts/emergency/" + id)).path("reach");
                assertThat(reach.path("targeted").asInt()).isEqualTo(2);
                assertThat(reach.path("playing").asInt()).isEqualTo(1);
                assertThat(reach.path("first_delay_s").asDouble()).isEqualTo(40.0);
                assertThat(reach.path("within").path("1m").path("share").asDouble()).isEqualTo(0.5);
                assertThat(reach.path("devices").path("ls-gia-phu-thon-dong-luc").isNull()).isTrue();
            });

            // Refused: both a commune and villages, an unknown village, a duration above the maximum
            assertThat(service.post("/api/v1/broadcasts/emergency", "{\"commune\":\"gia-phu\",\"villages\":[\"x\"],"
                    + "\"program\":\"p\",\"duration\":\"PT5M\"}").statusCode()).isEqualTo(400);
            assertThat(service.post("/api/v1/broadcasts/emergency", "{\"villages\":[\"no-such-village\"],"
                    + "\"program\":\"p\",\"duration\":\"PT5M\"}").statusCode()).isEqualTo(404);
            HttpResponse<String> tooLong = service.post("/api/v1/broadcasts/emergency", "{\"commune\":\"gia-phu\","
                    + "\"program\":\"p\",\"duration\":\"PT3H\"}");
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(json(tooLong).path("detail").asText()).contains("at most");

            // When it is cancelled, Then the published bulletin ends at the cancellation
            HttpResponse<String> cancelled = service.post("/api/v1/broadcasts/emergency/" + id + "/cancel", "{}");
            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(json(cancelled).path("status").asText()).isEqualTo("cancelled");
            CommuneSchedule afterCancel = awaitRetained(broker, s -> !s.bulletins().isEmpty()
                    && s.bulletins().get(0).end().toEpochMilli() < start + 1_800_000);
            assertThat(afterCancel.version()).isGreaterThan(withEmergency.version());
            assertThat(json(service.get("/api/v1/broadcasts/emergency?active=true")).path("emergencies")).isEmpty();

            // After a restart, the schedule is published again, with a higher version
            service.stop();
            service.start().awaitReady().awaitStateReady();
            CommuneSchedule republished = awaitRetained(broker, s -> s.version() > afterCancel.version());
            assertThat(republished.slots()).isEqualTo(first.slots());
            assertThat(json(service.get("/api/v1/broadcasts/emergency")).path("emergencies").get(0).path("id")
                    .asText()).isEqualTo(id);
        }
    }

    private static CommuneSchedule awaitRetained(MqttBroker broker,
            java.util.function.Predicate<CommuneSchedule> until) {
        return await().atMost(WAIT).until(() -> retained(broker), found -> found.isPresent()
                && until.test(found.get())).orElseThrow();
    }

    /** The schedule retained on the commune's topic now, read by a new subscriber, if any. */
    private static Optional<CommuneSchedule> retained(MqttBroker broker) {
        String barrier = "test/barrier/" + System.nanoTime();
        try (MqttTestClient client = MqttTestClient.connect(broker.url(), "reader-" + System.nanoTime())) {
            client.subscribe(TOPIC);
            client.subscribe(barrier);
            client.publish(barrier, "{}");
            await().atMost(WAIT).until(() -> client.received().stream().anyMatch(r -> r.topic().equals(barrier)));
            List<MqttTestClient.Received> schedules = client.received().stream()
                    .filter(r -> r.topic().equals(TOPIC)).toList();
            if (schedules.isEmpty()) {
                return Optional.empty();
            }
            // the broker's retained copy comes first; a publication during the subscription may follow, live
            assertThat(schedules.get(0).retained()).isTrue();
            MqttTestClient.Received last = schedules.get(schedules.size() - 1);
            ScheduleResult result = CODEC.decode(last.payload());
            assertThat(result).as(new String(last.payload(), StandardCharsets.UTF_8))
                    .isInstanceOf(ScheduleResult.Valid.class);
            return Optional.of(((ScheduleResult.Valid) result).schedule());
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}

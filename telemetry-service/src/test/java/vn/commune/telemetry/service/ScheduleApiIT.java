package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** The schedule API on the real service: drafts, every problem at once, approval, history, and after a restart. */
@ExtendWith(TestServersExtension.class)
class ScheduleApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/schedules/gia-phu";

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Verifies the approval flow end to end, with storage as the record. */
    @Test
    void draftApproveHistoryAcrossARestart(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady().awaitStateReady()) {
            // A draft breaking three rules is refused whole, every problem named
            HttpResponse<String> bad = service.send("PUT", PATH, """
                    {"slots":[{"id":"sang","days":["mon"],"start":"06:00","end":"06:30","program":"Bản tin sáng"},
                              {"id":"sang","days":["mon"],"start":"06:15","end":"06:45","program":"Bản tin"},
                              {"id":"toi","days":["tue"],"start":"19:00","end":"18:00","program":"Thời sự"}]}""");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("error").asText()).isEqualTo("invalid_schedule");
            assertThat(json(bad).path("problems").findValuesAsText("message")).containsExactly(
                    "id 'sang' is used by another slot",
                    "it ends (18:00) before it starts (19:00); a slot across midnight must say that it ends the next "
                            + "day",
                    "overlaps slots[0] on Monday from 06:15 to 06:30");
            assertThat(service.send("PUT", "/api/v1/schedules/no-such-place", "{\"slots\":[]}").statusCode())
                    .isEqualTo(404);

            // A valid draft is version 1, not in force until approved
            HttpResponse<String> draft = service.send("PUT", PATH, """
                    {"slots":[{"id":"sang","days":["mon","tue","wed","thu","fri"],"start":"06:00","end":"06:30",
                               "program":"Bản tin sáng"},
                              {"id":"dem","days":["sat"],"start":"23:30","end":"00:30","next_day":true,
                               "program":"Văn nghệ"}]}""");
            assertThat(draft.statusCode()).isEqualTo(201);
            assertThat(json(draft).path("version").asInt()).isEqualTo(1);
            assertThat(json(draft).path("status").asText()).isEqualTo("draft");
            assertThat(json(draft).path("author").asText()).isEqualTo("api-token");
            JsonNode read = json(service.get(PATH));
            assertThat(read.path("approved").isNull()).isTrue();
            assertThat(read.path("in_force").isNull()).isTrue();
            assertThat(read.path("draft").path("version").asInt()).isEqualTo(1);

            // Approved, it is in force
            HttpResponse<String> approved = service.post(PATH + "/approve", "{\"version\":1}");
            assertThat(approved.statusCode()).isEqualTo(200);
            assertThat(json(approved).path("approved_by").asText()).isEqualTo("api-token");
            assertThat(json(service.get(PATH)).path("in_force").path("version").asInt()).isEqualTo(1);
            assertThat(json(service.get(PATH)).path("in_force").path("effective_from").asText())
                    .isEqualTo(json(approved).path("approved_at").asText());
            assertThat(json(service.get(PATH)).path("draft").isNull()).isTrue();

            // A second draft; approving the first again is a conflict
            assertThat(service.send("PUT", PATH, """
                    {"slots":[{"id":"sang","days":["mon","tue","wed","thu","fri"],"start":"06:00","end":"06:45",
                               "program":"Bản tin sáng"}]}""").statusCode()).isEqualTo(201);
            HttpResponse<String> stale = service.post(PATH + "/approve", "{\"version\":1}");
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(json(stale).path("detail").asText()).contains("not the newest (2 is)");
            assertThat(service.post(PATH + "/approve", "{}").statusCode()).isEqualTo(400);

            // The history, and the same after a restart from storage alone
            JsonNode history = json(service.get(PATH + "/history"));
            assertThat(history.path("versions").findValuesAsText("summary"))
                    .containsExactly("changed sang; removed dem", "added sang, dem");
            service.stop();
            service.start().awaitReady().awaitStateReady();
            assertThat(json(service.get(PATH + "/history"))).isEqualTo(history);
            assertThat(json(service.get(PATH)).path("in_force").path("version").asInt()).isEqualTo(1);
            assertThat(json(service.get(PATH)).path("draft").path("version").asInt()).isEqualTo(2);

            // An approval dated ahead is approved but not in force yet; a bad date is refused
            assertThat(service.post(PATH + "/approve", "{\"version\":2,\"effective_from\":\"01/12/2026\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(service.post(PATH + "/approve", "{\"version\":2,\"effective_from\":\"2099-01-01\"}")
                    .statusCode()).isEqualTo(200);
            JsonNode pending = json(service.get(PATH));
            assertThat(pending.path("in_force").path("version").asInt()).isEqualTo(1);
            assertThat(pending.path("approved").path("version").asInt()).isEqualTo(2);
            assertThat(pending.path("approved").path("effective_from").asText()).isEqualTo("2098-12-31T17:00:00Z");
        }
    }
}

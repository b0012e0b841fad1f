package vn.commune.telemetry.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.schedule.Priority;

/** Slots as JSON, in the API and the published payload. */
class ScheduleJsonTest {

    /** Verifies that weekly and one-off slots read and write back the same. */
    @Test
    void roundTrip() {
        JsonArray json = new JsonArray("""
                [{"id":"sang","days":["mon","wed","fri"],"start":"06:00","end":"06:30","next_day":false,
                  "program":"Bản tin sáng","priority":"normal"},
                 {"id":"dem","date":"2026-12-31","start":"23:30","end":"00:30","next_day":true,
                  "program":"Chào năm mới","priority":"priority"}]""");

        ScheduleJson.Read read = ScheduleJson.read(json);

        assertThat(read.problems()).isEmpty();
        assertThat(read.slots()).containsExactly(
                Slot.weekly("sang", Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
                        LocalTime.of(6, 0), LocalTime.of(6, 30), false, "Bản tin sáng", Priority.NORMAL),
                Slot.oneOff("dem", LocalDate.of(2026, 12, 31), LocalTime.of(23, 30), LocalTime.of(0, 30), true,
                        "Chào năm mới", Priority.PRIORITY));
        assertThat(ScheduleJson.write(read.slots())).isEqualTo(json);
    }

    /** Verifies that every problem of shape is reported with its slot's path, and such slots are not read. */
    @Test
    void problemsOfShape() {
        ScheduleJson.Read read = ScheduleJson.read(new JsonArray("""
                [{"id":"a","days":["monday"],"start":"6:00","end":"06:30","program":"x"},
                 {"id":"b","days":["mon"],"date":"2026-12-01","start":"06:00","end":"06:30","program":"x"},
                 {"id":"c","date":"01/12/2026","start":"06:00","end":"24:00","program":"x","priority":"urgent",
                  "colour":"red"},
                 "not a slot",
                 {"id":"ok","days":["sun"],"start":"06:00","end":"06:30","program":"x"}]"""));

        assertThat(read.slots()).extracting(Slot::id).containsExactly("ok");
        assertThat(read.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactly(
                "slots[0]: 'days' has 'monday': use mon, tue, wed, thu, fri, sat, sun",
                "slots[0]: 'start' must be a 24-hour time HH:mm, got '6:00'",
                "slots[1]: give either 'days' (a weekly slot) or 'date' (a one-off slot)",
                "slots[2]: unknown field 'colour'",
                "slots[2]: 'date' must be a date yyyy-MM-dd, got '01/12/2026'",
                "slots[2]: 'end' must be a 24-hour time HH:mm, got '24:00'",
                "slots[2]: 'priority' must be normal, priority or emergency",
                "slots[3]: must be an object");
        assertThat(ScheduleJson.read("nope").problems()).extracting(ScheduleRules.Problem::path)
                .containsExactly("slots");
    }
}

package vn.commune.telemetry.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.protocol.schedule.Priority;

/** The rules of a commune's broadcast schedule. */
class ScheduleRulesTest {

    private static final Inventory INVENTORY = read();
    private static final String COMMUNE = "gia-phu";
    private static final ScheduleRules RULES = new ScheduleRules(Duration.ofMinutes(60));
    private static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private static Inventory read() {
        try {
            return InventoryReader.read(Path.of("..", "config", "inventory.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    private static int ids;

    private static Slot weekly(Set<DayOfWeek> days, String start, String end, boolean nextDay) {
        return Slot.weekly("w" + ++ids, days, t(start), t(end), nextDay, "Bản tin sáng", Priority.NORMAL);
    }

    private static List<ScheduleRules.Problem> check(Slot... slots) {
        return RULES.check(new Schedule(COMMUNE, List.of(slots)), INVENTORY);
    }

    /** Verifies that the sample's morning and evening bulletins on weekdays make a valid schedule. */
    @Test
    void ordinaryScheduleIsValid() {
        assertThat(check(weekly(WEEKDAYS, "06:00", "06:30", false), weekly(WEEKDAYS, "17:30", "18:00", false),
                Slot.oneOff("o3", LocalDate.of(2026, 12, 8), t("09:00"), t("09:15"), false, "Họp dân", Priority.PRIORITY)))
                .isEmpty();
    }

    /** Verifies that an end before the start is refused unless the slot says it runs across midnight. */
    @Test
    void endBeforeStartAndAcrossMidnight() {
        assertThat(check(weekly(WEEKDAYS, "18:00", "07:00", false))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("ends (07:00) before it starts (18:00)"));
        assertThat(check(weekly(WEEKDAYS, "06:00", "06:00", false))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("lasts no time"));
        assertThat(check(weekly(Set.of(DayOfWeek.SATURDAY), "23:30", "00:30", true))).isEmpty();
        assertThat(check(weekly(Set.of(DayOfWeek.SATURDAY), "23:30", "23:45", true))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("24 hours or more"));
    }

    /** Verifies that overlapping weekly slots are refused, naming both and when, and touching ones are not. */
    @Test
    void overlapsAreRefused() {
        List<ScheduleRules.Problem> problems = check(weekly(WEEKDAYS, "06:00", "06:30", false),
                weekly(Set.of(DayOfWeek.WEDNESDAY), "06:15", "07:00", false));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("slots[1]");
            assertThat(p.message()).isEqualTo("overlaps slots[0] on Wednesday from 06:15 to 06:30");
        });
        assertThat(check(weekly(WEEKDAYS, "06:00", "06:30", false), weekly(WEEKDAYS, "06:30", "07:00", false)))
                .as("touching").isEmpty();
        // Sunday night across midnight meets Monday morning
        assertThat(check(weekly(Set.of(DayOfWeek.SUNDAY), "23:30", "00:30", true),
                weekly(Set.of(DayOfWeek.MONDAY), "00:00", "00:15", false))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("on Monday from 00:00 to 00:15"));
    }

    /** Verifies that a one-off slot on a weekly slot's day may fill a gap but not cover the weekly slot. */
    @Test
    void oneOffOnAWeeklySlotsDay() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        Slot morning = weekly(WEEKDAYS, "06:00", "06:30", false);
        assertThat(check(morning, Slot.oneOff("o4", monday, t("07:00"), t("07:30"), false, "Thông báo", Priority.NORMAL)))
                .isEmpty();
        assertThat(check(morning, Slot.oneOff("o5", monday, t("06:20"), t("06:40"), false, "Thông báo", Priority.NORMAL)))
                .singleElement().satisfies(p -> assertThat(p.message())
                        .isEqualTo("overlaps slots[0] on 07/12/2026 from 06:20 to 06:30"));
        // a one-off slot the evening before, across midnight into the weekly slot
        assertThat(check(morning, Slot.oneOff("o6", monday.minusDays(1), t("23:00"), t("06:10"), true, "Trực đêm",
                Priority.NORMAL))).singleElement().satisfies(p -> assertThat(p.message())
                        .contains("from 06:00 to 06:10"));
    }

    /** Verifies that an emergency overlaps nothing (it interrupts) but lasts at most the maximum. */
    @Test
    void emergencies() {
        Slot morning = weekly(WEEKDAYS, "06:00", "06:30", false);
        Slot storm = Slot.oneOff("o7", LocalDate.of(2026, 12, 7), t("06:10"), t("06:40"), false, "Cảnh báo bão",
                Priority.EMERGENCY);
        assertThat(check(morning, storm)).isEmpty();
        Slot tooLong = Slot.oneOff("o8", LocalDate.of(2026, 12, 7), t("06:10"), t("08:10"), false, "Cảnh báo bão",
                Priority.EMERGENCY);
        assertThat(check(tooLong)).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("an emergency lasts at most 60 min (this one: 120 min)"));
        assertThat(RULES.checkEmergency(Duration.ofMinutes(15))).isEmpty();
        assertThat(RULES.checkEmergency(Duration.ofMinutes(61))).hasSize(1);
        assertThat(RULES.checkEmergency(Duration.ZERO)).hasSize(1);
    }

    /** Verifies that slot ids follow the device-id rule and are unique. */
    @Test
    void slotIds() {
        Slot a = Slot.weekly("sang", WEEKDAYS, t("06:00"), t("06:30"), false, "Bản tin sáng", Priority.NORMAL);
        Slot b = Slot.weekly("sang", WEEKDAYS, t("17:00"), t("17:30"), false, "Bản tin chiều", Priority.NORMAL);
        Slot c = Slot.weekly("chiều tối", WEEKDAYS, t("19:00"), t("19:30"), false, "Thời sự", Priority.NORMAL);
        assertThat(check(a, b, c)).extracting(ScheduleRules.Problem::message).containsExactly(
                "id 'sang' is used by another slot",
                "id 'chiều tối': 1 to 64 of A-Z a-z 0-9 _ -, starting with a letter or digit");
    }

    /**
     * Verifies that ids of emergency broadcasts ({@code em-}) are kept from slots, and that schedules are kept per
     * place of the commune level (the district is refused, naming both levels).
     */
    @Test
    void reservedIdsAndTheCommuneLevel() {
        Slot em = Slot.weekly("em-1", WEEKDAYS, t("06:00"), t("06:30"), false, "Bản tin sáng", Priority.NORMAL);
        assertThat(check(em)).extracting(ScheduleRules.Problem::message).containsExactly(
                "id 'em-1': ids starting with 'em-' are kept for emergency broadcasts");
        assertThat(RULES.check(new Schedule("bao-thang", List.of()), INVENTORY))
                .extracting(ScheduleRules.Problem::message)
                .containsExactly("'bao-thang' is a district, and schedules are kept per commune");
    }

    /** Verifies that the sample schedule (demos, the simulated week) is valid. */
    @Test
    void sampleIsValid() {
        assertThat(RULES.check(new Schedule(COMMUNE, SampleSchedules.slots(LocalDate.of(2026, 12, 1))),
                INVENTORY)).isEmpty();
    }

    /** Verifies that an unknown commune and every bad slot are reported together. */
    @Test
    void everyProblemAtOnce() {
        List<ScheduleRules.Problem> problems = RULES.check(new Schedule("no-such-commune", List.of(
                weekly(WEEKDAYS, "08:00", "07:00", false),
                Slot.weekly("s2", WEEKDAYS, t("09:00"), t("09:30"), false, " ", Priority.NORMAL))), INVENTORY);
        assertThat(problems).extracting(ScheduleRules.Problem::path).containsExactly("commune", "slots[0]",
                "slots[1]");
    }

    /** Verifies occurrences in Vietnam's time: a slot at 23:30–00:30 local is 16:30–17:30 UTC, and is found from
     * either day it touches. */
    @Test
    void occurrencesAtTheTimeZoneEdge() {
        Schedule schedule = new Schedule(COMMUNE, List.of(weekly(Set.of(DayOfWeek.MONDAY), "23:30", "00:30", true)));
        long tuesdayLocalMidnight = ZonedDateTime.of(2026, 12, 8, 0, 0, 0, 0, Schedule.ZONE).toInstant()
                .toEpochMilli();
        List<Schedule.Occurrence> occurrences = schedule.occurrences(tuesdayLocalMidnight,
                tuesdayLocalMidnight + 86_400_000L);
        assertThat(occurrences).singleElement().satisfies(o -> {
            assertThat(java.time.Instant.ofEpochMilli(o.from())).hasToString("2026-12-07T16:30:00Z");
            assertThat(o.to() - o.from()).isEqualTo(3_600_000L);
        });
        assertThat(schedule.occurrences(tuesdayLocalMidnight + 3_600_000L, tuesdayLocalMidnight + 7_200_000L))
                .as("after it ended").isEmpty();
    }
}

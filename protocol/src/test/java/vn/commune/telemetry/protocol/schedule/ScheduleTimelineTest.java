package vn.commune.telemetry.protocol.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies when items air: local times, days of the week, and interruption by rank. */
class ScheduleTimelineTest {

    /** Monday 2026-11-23 00:00 in Vietnam (UTC+7). */
    private static final Instant MONDAY = Instant.parse("2026-11-22T17:00:00Z");

    /** Verifies that a daily slot airs at its local time on every day of the period, in the schedule's zone. */
    @Test
    void dailySlotInLocalTime() {
        ScheduleTimeline timeline = timeline(List.of(
                ScheduleSlot.daily("sang", LocalTime.of(5, 30), LocalTime.of(6, 0), "Bản tin sáng")), List.of());

        List<Airing> airings = timeline.airings(MONDAY, MONDAY.plusSeconds(2 * 86_400));

        assertThat(airings).extracting(Airing::start).containsExactly(
                Instant.parse("2026-11-22T22:30:00Z"), Instant.parse("2026-11-23T22:30:00Z"));
        assertThat(airings).allSatisfy(a -> assertThat(a.end()).isEqualTo(a.start().plusSeconds(1800)));
    }

    /** Verifies that a slot airs only on its days. */
    @Test
    void daysOfWeek() {
        ScheduleTimeline timeline = timeline(List.of(new ScheduleSlot("cuoi-tuan",
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(19, 0), LocalTime.of(19, 30),
                "Văn nghệ", Priority.NORMAL)), List.of());

        List<Airing> airings = timeline.airings(MONDAY, MONDAY.plusSeconds(7 * 86_400));

        assertThat(airings).extracting(Airing::start).containsExactly(
                Instant.parse("2026-11-28T12:00:00Z"), Instant.parse("2026-11-29T12:00:00Z"));
    }

    /** Verifies that an emergency bulletin interrupts a slot, which resumes afterwards until its end. */
    @Test
    void emergencyInterruptsAndSlotResumes() {
        Instant slotStart = Instant.parse("2026-11-23T10:00:00Z");
        ScheduleTimeline timeline = timeline(
                List.of(ScheduleSlot.daily("trua", LocalTime.of(17, 0), LocalTime.of(18, 0), "Thời sự")),
                List.of(new Bulletin("bao", Priority.EMERGENCY, slotStart.plusSeconds(600), slotStart.plusSeconds(900),
                        "Tin bão")));

        List<Airing> airings = timeline.airings(slotStart.minusSeconds(60), slotStart.plusSeconds(7200));

        assertThat(airings).extracting(Airing::itemId, Airing::start, Airing::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple("trua", slotStart, slotStart.plusSeconds(600)),
                org.assertj.core.groups.Tuple.tuple("bao", slotStart.plusSeconds(600), slotStart.plusSeconds(900)),
                org.assertj.core.groups.Tuple.tuple("trua", slotStart.plusSeconds(900), slotStart.plusSeconds(3600)));
        assertThat(timeline.airingAt(slotStart.plusSeconds(700))).get().extracting(Airing::program)
                .isEqualTo("Tin bão");
        assertThat(timeline.airingAt(slotStart.plusSeconds(4000))).isEmpty();
    }

    /** Verifies the rank between overlapping items: priority, then bulletin over slot, then earlier start. */
    @Test
    void rankOfOverlappingItems() {
        Instant at = Instant.parse("2026-11-23T01:00:00Z");
        ScheduleTimeline timeline = timeline(List.of(
                ScheduleSlot.daily("a", LocalTime.of(8, 0), LocalTime.of(9, 0), "A"),
                new ScheduleSlot("b", EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 10), LocalTime.of(8, 20), "B",
                        Priority.PRIORITY),
                ScheduleSlot.daily("c", LocalTime.of(8, 5), LocalTime.of(9, 30), "C")),
                List.of(new Bulletin("n", Priority.NORMAL, at.plusSeconds(3000), at.plusSeconds(3300), "N")));

        List<Airing> airings = timeline.airings(at, at.plusSeconds(9000));

        assertThat(airings).extracting(Airing::itemId).containsExactly("a", "b", "a", "n", "a", "c");
        assertThat(airings.get(airings.size() - 1).end()).isEqualTo(Instant.parse("2026-11-23T02:30:00Z"));
    }

    /** Verifies that occurrences are clipped to the period and that scheduled() lists overlapping items. */
    @Test
    void clippingAndScheduled() {
        ScheduleTimeline timeline = timeline(List.of(
                ScheduleSlot.daily("a", LocalTime.of(8, 0), LocalTime.of(9, 0), "A"),
                ScheduleSlot.daily("c", LocalTime.of(8, 30), LocalTime.of(9, 30), "C")), List.of());
        Instant from = Instant.parse("2026-11-23T01:15:00Z");

        assertThat(timeline.airings(from, from.plusSeconds(600))).singleElement()
                .satisfies(a -> assertThat(a.start()).isEqualTo(from));
        assertThat(timeline.scheduled(from, from.plusSeconds(3600))).extracting(Airing::itemId)
                .containsExactly("a", "c");
    }

    /**
     * Verifies the time-zone edge: a Saturday slot of 23:30–00:30 local time airs from Saturday 23:30 to Sunday 00:30
     * (16:30 to 17:30 UTC), also when the period starts after midnight, and not on other days.
     */
    @Test
    void slotAcrossLocalMidnight() {
        ScheduleTimeline timeline = timeline(List.of(new ScheduleSlot("dem", EnumSet.of(DayOfWeek.SATURDAY),
                LocalTime.of(23, 30), LocalTime.of(0, 30), true, "Nhạc đêm", Priority.NORMAL)), List.of());
        Instant saturday2330 = Instant.parse("2026-11-28T16:30:00Z");

        assertThat(timeline.airings(MONDAY, MONDAY.plusSeconds(14 * 86_400))).extracting(Airing::start)
                .containsExactly(saturday2330, saturday2330.plusSeconds(7 * 86_400));
        assertThat(timeline.airings(MONDAY, MONDAY.plusSeconds(7 * 86_400)).get(0).end())
                .isEqualTo(Instant.parse("2026-11-28T17:30:00Z"));
        Instant sundayMidnight = Instant.parse("2026-11-28T17:00:00Z");
        assertThat(timeline.airings(sundayMidnight, sundayMidnight.plusSeconds(86_400))).singleElement()
                .satisfies(a -> assertThat(a.start()).isEqualTo(sundayMidnight))
                .satisfies(a -> assertThat(a.end()).isEqualTo(Instant.parse("2026-11-28T17:30:00Z")));
    }

    /** Verifies that a bulletin naming loudspeakers is on their timelines only. */
    @Test
    void bulletinForSomeLoudspeakers() {
        Instant at = Instant.parse("2026-11-23T03:00:00Z");
        ScheduleTimeline timeline = timeline(
                List.of(ScheduleSlot.daily("trua", LocalTime.of(10, 0), LocalTime.of(11, 0), "Thời sự")),
                List.of(new Bulletin("em-1", Priority.EMERGENCY, at.plusSeconds(600), at.plusSeconds(1200), "Lũ",
                        List.of("ls-a"))));

        assertThat(timeline.forDevice("ls-a").airings(at, at.plusSeconds(3600))).extracting(Airing::itemId)
                .containsExactly("trua", "em-1", "trua");
        assertThat(timeline.forDevice("ls-b").airings(at, at.plusSeconds(3600))).extracting(Airing::itemId)
                .containsExactly("trua");
        ScheduleTimeline plain = timeline(List.of(), List.of());
        assertThat(plain.forDevice("ls-b")).isSameAs(plain);
    }

    private static ScheduleTimeline timeline(List<ScheduleSlot> slots, List<Bulletin> bulletins) {
        return new ScheduleTimeline(CommuneSchedule.of("gia-phu", 1, slots, bulletins));
    }
}

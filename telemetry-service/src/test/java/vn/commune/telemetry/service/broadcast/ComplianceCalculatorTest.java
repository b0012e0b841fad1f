package vn.commune.telemetry.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.Event;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.SlotPlay;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.service.uptime.Segment;

/** The minutes played of each slot occurrence, misses and their causes, from hand-made timelines. */
class ComplianceCalculatorTest {

    private static final long M = 60_000;
    /** The slot airs from T to T + 30 min. */
    private static final long T = 1_796_000_000_000L;
    private static final long END = T + 120 * M;
    private static final Airing SLOT = airing("sang", false, "Bản tin sáng", T, T + 30 * M);
    private final ComplianceCalculator calculator = new ComplianceCalculator(0.8);

    private static Airing airing(String id, boolean bulletin, String program, long from, long to) {
        return new Airing(id, bulletin, program, Priority.NORMAL, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    private static Event started(long ts, String detail, String program) {
        return new Event("broadcast_started", ts, program, detail);
    }

    private static Event ended(long ts) {
        return new Event("broadcast_ended", ts, "Bản tin sáng", "slot sang");
    }

    private static List<Segment> online() {
        return List.of(new Segment(T - 60 * M, END, Cause.STATUS));
    }

    private SlotPlay only(List<Airing> expected, List<Segment> segments, List<Event> events, IntervalSet amp) {
        List<SlotPlay> plays = calculator.compute("ls-1", expected, segments, events, amp, END);
        assertThat(plays).hasSize(1);
        return plays.get(0);
    }

    /** Verifies a slot played whole: complied, its minutes exact. */
    @Test
    void playedWhole() {
        SlotPlay play = only(List.of(SLOT), online(), List.of(started(T, "slot sang", "Bản tin sáng"),
                ended(T + 30 * M)), IntervalSet.EMPTY);

        assertThat(play.expectedMs()).isEqualTo(30 * M);
        assertThat(play.playedMs()).isEqualTo(30 * M);
        assertThat(play.missed()).isFalse();
        assertThat(play.cause()).isNull();
    }

    /**
     * Verifies a play cut by the device going offline: it stops at the first moment offline (no event), and the miss is
     * put down to the offline state with its cause.
     */
    @Test
    void offlineDuringTheSlot() {
        List<Segment> segments = List.of(new Segment(T - 60 * M, T + 10 * M, Cause.STATUS),
                new Segment(T + 10 * M, T + 50 * M, Cause.TIMEOUT), new Segment(T + 50 * M, END, Cause.ONLINE));

        SlotPlay play = only(List.of(SLOT), segments, List.of(started(T, "slot sang", "Bản tin sáng")),
                IntervalSet.EMPTY);

        assertThat(play.playedMs()).isEqualTo(10 * M);
        assertThat(play.missed()).isTrue();
        assertThat(play.cause()).isEqualTo(MissCause.OFFLINE);
        assertThat(play.detail()).isEqualTo("offline (timeout)");
    }

    /** Verifies that offline after a power cut with no power back is put down to no power. */
    @Test
    void noPower() {
        List<Segment> segments = List.of(new Segment(T - 60 * M, T - 5 * M, Cause.STATUS),
                new Segment(T - 5 * M, T + 40 * M, Cause.OFFLINE), new Segment(T + 40 * M, END, Cause.ONLINE));

        SlotPlay play = only(List.of(SLOT), segments, List.of(new Event("power_lost", T - 50 * M, null, null)),
                IntervalSet.EMPTY);

        assertThat(play.playedMs()).isZero();
        assertThat(play.cause()).isEqualTo(MissCause.NO_POWER);
        assertThat(ComplianceCalculator.noPower(List.of(new Event("power_lost", T - 50 * M, null, null)), segments))
                .as("power is back when it comes back online").isEqualTo(IntervalSet.of(T - 50 * M, T + 40 * M));
        List<Segment> twice = List.of(new Segment(T - 300 * M, T - 200 * M, Cause.STATUS),
                new Segment(T - 200 * M, T - 190 * M, Cause.OFFLINE), new Segment(T - 190 * M, T - 5 * M, Cause.ONLINE),
                new Segment(T - 5 * M, T + 40 * M, Cause.OFFLINE), new Segment(T + 40 * M, END, Cause.ONLINE));
        assertThat(ComplianceCalculator.noPower(List.of(new Event("power_lost", T - 250 * M, null, null),
                new Event("power_lost", T - 50 * M, null, null)), twice)).as("two cuts, each back when online")
                .isEqualTo(IntervalSet.of(T - 250 * M, T - 190 * M).or(IntervalSet.of(T - 50 * M, T + 40 * M)));
    }

    /** Verifies an amplifier reported broken, and a cluster that played another programme. */
    @Test
    void amplifierAndOtherProgramme() {
        SlotPlay broken = only(List.of(SLOT), online(), List.of(), IntervalSet.of(T - M, T + 40 * M));
        assertThat(broken.cause()).isEqualTo(MissCause.AMPLIFIER_FAULT);

        SlotPlay other = only(List.of(SLOT), online(), List.of(started(T + M, null, "Ca nhạc"),
                new Event("broadcast_ended", T + 29 * M, "Ca nhạc", null)), IntervalSet.EMPTY);
        assertThat(other.cause()).isEqualTo(MissCause.OTHER_PROGRAM);
        assertThat(other.detail()).isEqualTo("Ca nhạc");

        SlotPlay silent = only(List.of(SLOT), online(), List.of(), IntervalSet.EMPTY);
        assertThat(silent.cause()).isEqualTo(MissCause.NOT_PLAYED);
    }

    /** Verifies that a play of a slot with no end reported stops counting at the slot's end (reports, live status). */
    @Test
    void playBoundedByItsOccurrence() {
        ComplianceCalculator.Play open = new ComplianceCalculator.Play("sang", false, "Bản tin sáng", T, END);
        assertThat(ComplianceService.bounded(open, List.of(SLOT)).to()).isEqualTo(T + 30 * M);
        ComplianceCalculator.Play own = new ComplianceCalculator.Play(null, false, "Ca nhạc", T, END);
        assertThat(ComplianceService.bounded(own, List.of(SLOT))).isSameAs(own);
    }

    /**
     * Verifies a slot interrupted by an emergency: the slot is expected outside the emergency only, the two parts are
     * one occurrence, and a play without detail counts for the item of its programme. 85% is not a miss.
     */
    @Test
    void interruptedByAnEmergency() {
        Airing first = SLOT.between(Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 10 * M));
        Airing second = SLOT.between(Instant.ofEpochMilli(T + 20 * M), Instant.ofEpochMilli(T + 30 * M));
        Airing emergency = airing("em-1", true, "Lũ quét", T + 10 * M, T + 20 * M);

        List<SlotPlay> plays = calculator.compute("ls-1", List.of(first, emergency, second), online(),
                List.of(started(T, "slot sang", "Bản tin sáng"), started(T + 10 * M, "bulletin em-1", "Lũ quét"),
                        started(T + 20 * M + 3 * M, null, "Bản tin sáng"), ended(T + 30 * M)),
                IntervalSet.EMPTY, END);

        assertThat(plays).extracting(p -> p.occurrence().itemId()).containsExactly("sang", "em-1");
        SlotPlay slot = plays.get(0);
        assertThat(slot.expectedMs()).isEqualTo(20 * M);
        assertThat(slot.playedMs()).isEqualTo(17 * M);
        assertThat(slot.missed()).isFalse();
        assertThat(slot.occurrence().start()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(plays.get(1).playedMs()).isEqualTo(10 * M);
    }
}

package vn.commune.telemetry.service.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.HistorySnapshot;
import vn.commune.telemetry.service.state.Transition;

class StateTimelineTest {

    private static final IntervalSet NONE = IntervalSet.EMPTY;

    private static HistorySnapshot history(Transition... transitions) {
        return HistorySnapshot.of(List.of(transitions), Long.MIN_VALUE);
    }

    /** Verifies that a device with no data at all is unknown for the whole period, with no uptime figure. */
    @Test
    void deviceWithNoDataIsUnknown() {
        List<Segment> timeline = StateTimeline.build(HistorySnapshot.EMPTY, 0, 1000, NONE, NONE, NONE);

        assertThat(timeline).containsExactly(new Segment(0, 1000, Cause.NO_DATA));
        UptimeFigures figures = UptimeCalculator.figures(timeline);
        assertThat(figures.unknownMs()).isEqualTo(1000);
        assertThat(figures.uptimePercent()).isNull();
        assertThat(figures.outages()).isZero();
        assertThat(figures.mttrMs()).isNull();
    }

    /** Verifies that the state before the period carries into it and transitions cut it exactly. */
    @Test
    void periodCutsTransitionsExactly() {
        HistorySnapshot h = history(new Transition(-500, Cause.STATUS), new Transition(100, Cause.TIMEOUT),
                new Transition(300, Cause.STATUS), new Transition(1000, Cause.OFFLINE));

        List<Segment> timeline = StateTimeline.build(h, 0, 1000, NONE, NONE, NONE);

        assertThat(timeline).containsExactly(new Segment(0, 100, Cause.STATUS), new Segment(100, 300, Cause.TIMEOUT),
                new Segment(300, 1000, Cause.STATUS));
        UptimeFigures figures = UptimeCalculator.figures(timeline);
        assertThat(figures.onlineMs()).isEqualTo(800);
        assertThat(figures.offlineMs()).isEqualTo(200);
        assertThat(figures.uptimePercent()).isEqualTo(80.0);
        assertThat(figures.outages()).isEqualTo(1);
        assertThat(figures.mttrMs()).isEqualTo(200);
        assertThat(figures.mtbfMs()).isEqualTo(800);
    }

    /** Verifies that overlapping maintenance windows count once, and override every state inside them. */
    @Test
    void overlappingMaintenanceCountsOnce() {
        HistorySnapshot h = history(new Transition(0, Cause.STATUS), new Transition(400, Cause.OFFLINE),
                new Transition(700, Cause.STATUS));
        IntervalSet windows = IntervalSet.union(List.of(new long[] {300, 500}, new long[] {450, 600}));

        List<Segment> timeline = StateTimeline.build(h, 0, 1000, NONE, NONE, windows);

        assertThat(timeline).containsExactly(new Segment(0, 300, Cause.STATUS),
                new Segment(300, 600, Cause.MAINTENANCE), new Segment(600, 700, Cause.OFFLINE),
                new Segment(700, 1000, Cause.STATUS));
        UptimeFigures figures = UptimeCalculator.figures(timeline);
        assertThat(figures.maintenanceMs()).isEqualTo(300);
        assertThat(figures.offlineMs()).isEqualTo(100);
        assertThat(figures.onlineMs()).isEqualTo(600);
        assertThat(figures.totalMs()).isEqualTo(1000);
    }

    /** Verifies transitions exactly at a window's edges: nothing leaks across either edge. */
    @Test
    void transitionsExactlyAtWindowEdges() {
        HistorySnapshot h = history(new Transition(0, Cause.STATUS), new Transition(200, Cause.OFFLINE),
                new Transition(500, Cause.STATUS));

        List<Segment> timeline = StateTimeline.build(h, 0, 1000, NONE, NONE, IntervalSet.of(200, 500));

        assertThat(timeline).containsExactly(new Segment(0, 200, Cause.STATUS),
                new Segment(200, 500, Cause.MAINTENANCE), new Segment(500, 1000, Cause.STATUS));
        assertThat(UptimeCalculator.figures(timeline).outages()).isZero();
        assertThat(UptimeCalculator.figures(timeline).uptimePercent()).isEqualTo(100.0);
    }

    /**
     * Verifies that silence while the service was down or the gateway was not online is unknown, while what the
     * device announced itself stays offline.
     */
    @Test
    void silenceProvesNothingWhileServiceOrGatewayIsDown() {
        HistorySnapshot h = history(new Transition(0, Cause.STATUS), new Transition(100, Cause.TIMEOUT),
                new Transition(600, Cause.OFFLINE), new Transition(800, Cause.STATUS));

        List<Segment> timeline = StateTimeline.build(h, 0, 1000, IntervalSet.of(200, 300), IntervalSet.of(250, 700),
                NONE);

        assertThat(timeline).containsExactly(new Segment(0, 100, Cause.STATUS), new Segment(100, 200, Cause.TIMEOUT),
                new Segment(200, 300, Cause.SERVICE_DOWN), new Segment(300, 600, Cause.GATEWAY_UNREACHABLE),
                new Segment(600, 800, Cause.OFFLINE), new Segment(800, 1000, Cause.STATUS));
        UptimeFigures figures = UptimeCalculator.figures(timeline);
        assertThat(figures.offlineMs()).isEqualTo(300);
        assertThat(figures.unknownMs()).isEqualTo(400);
        assertThat(figures.outages()).isEqualTo(2);
        assertThat(figures.longestMs()).isEqualTo(200);
        assertThat(figures.longestFrom()).isEqualTo(600);
    }

    /** Verifies that adjacent offline stretches of different causes are one outage. */
    @Test
    void adjacentOfflineCausesAreOneOutage() {
        HistorySnapshot h = history(new Transition(0, Cause.STATUS), new Transition(100, Cause.TIMEOUT),
                new Transition(300, Cause.WILL), new Transition(500, Cause.STATUS));

        UptimeFigures figures = UptimeCalculator.figures(StateTimeline.build(h, 0, 1000, NONE, NONE, NONE));

        assertThat(figures.outages()).isEqualTo(1);
        assertThat(figures.longestMs()).isEqualTo(400);
        assertThat(figures.mttrMs()).isEqualTo(400);
    }

    /** Verifies that before the history's floor nothing is known from memory. */
    @Test
    void beforeTheFloorIsUnknown() {
        HistorySnapshot h = HistorySnapshot.of(List.of(new Transition(-100, Cause.STATUS)), 500);

        assertThat(StateTimeline.build(h, 0, 1000, NONE, NONE, NONE)).containsExactly(
                new Segment(0, 500, Cause.NO_DATA), new Segment(500, 1000, Cause.STATUS));
    }

    /** Verifies that the sum of figures adds times and outages and keeps the longest outage. */
    @Test
    void figuresAdd() {
        UptimeFigures a = new UptimeFigures(100, 50, 0, 0, 1, 10, 60);
        UptimeFigures b = new UptimeFigures(300, 100, 5, 5, 2, 200, 280);

        UptimeFigures sum = UptimeCalculator.sum(List.of(a, b));

        assertThat(sum).isEqualTo(new UptimeFigures(400, 150, 5, 5, 3, 200, 280));
        assertThat(sum.uptimePercent()).isCloseTo(72.727, org.assertj.core.data.Offset.offset(0.001));
    }
}

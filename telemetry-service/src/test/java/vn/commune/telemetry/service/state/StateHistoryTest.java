package vn.commune.telemetry.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateHistoryTest {

    private static final long I = 60_000;
    private static final long T = 3 * I;

    /**
     * Verifies that late data arriving after a timeout repaints: the stored timeout is overwritten by a no-op point
     * carrying the state now in force, and the device reads online throughout.
     */
    @Test
    void lateDataAfterTimeoutRetractsIt() {
        StateHistory history = new StateHistory(1000);
        // Given a device whose last status was at 0 and whose silence was concluded as a timeout at I
        EvidenceFold.Result first = EvidenceFold.fold(FoldState.NEVER, List.of(new Evidence(0, Cause.STATUS)), I, T,
                10 * I);
        StateHistory.Change stored = history.replaceAfter("d", Long.MIN_VALUE, first.transitions());
        assertThat(stored.writes()).containsExactly(new Transition(0, Cause.STATUS), new Transition(I, Cause.TIMEOUT));
        assertThat(stored.after()).isEqualTo(Cause.TIMEOUT);

        // When statuses from a gateway's backlog arrive for the silent stretch
        EvidenceFold.Result repaint = EvidenceFold.fold(first.end(),
                List.of(new Evidence(2 * I, Cause.STATUS), new Evidence(4 * I, Cause.STATUS)), I, T,
                EvidenceFold.NO_HORIZON);
        StateHistory.Change change = history.replaceAfter("d", first.end().lastAt(), repaint.transitions());

        // Then the timeout point is overwritten with the cause in force there, and nothing else is written
        assertThat(change.writes()).containsExactly(new Transition(I, Cause.STATUS));
        assertThat(change.before()).isEqualTo(Cause.TIMEOUT);
        assertThat(change.after()).isEqualTo(Cause.STATUS);
        assertThat(history.of("d").size()).isEqualTo(1);
        assertThat(history.of("d").causeAt(3 * I)).isEqualTo(Cause.STATUS);
    }

    /** Verifies that an unchanged repaint writes nothing. */
    @Test
    void sameHistoryWritesNothing() {
        StateHistory history = new StateHistory(1000);
        List<Transition> transitions = List.of(new Transition(0, Cause.STATUS), new Transition(5, Cause.OFFLINE));
        history.replaceAfter("d", Long.MIN_VALUE, transitions);

        assertThat(history.replaceAfter("d", Long.MIN_VALUE, transitions).writes()).isEmpty();
    }

    /** Verifies the bound: the oldest transitions go, counted, and before the new floor nothing is known. */
    @Test
    void boundedPerDevice() {
        StateHistory history = new StateHistory(2);
        history.replaceAfter("d", Long.MIN_VALUE, List.of(new Transition(0, Cause.STATUS),
                new Transition(10, Cause.OFFLINE), new Transition(20, Cause.STATUS)));

        assertThat(history.dropped()).isEqualTo(1);
        assertThat(history.of("d").causeAt(5)).isEqualTo(Cause.NO_DATA);
        assertThat(history.of("d").causeAt(15)).isEqualTo(Cause.OFFLINE);
    }

    /** Verifies that older transitions loaded later go before, and stored no-ops are normalised away. */
    @Test
    void prependOlderSlices() {
        StateHistory history = new StateHistory(1000);
        history.prepend(Map.of("d", List.of(new Transition(100, Cause.OFFLINE), new Transition(200, Cause.STATUS))),
                100, Set.of("d", "e"));
        history.prepend(Map.of("d", List.of(new Transition(10, Cause.STATUS), new Transition(50, Cause.STATUS),
                new Transition(100, Cause.OFFLINE))), 0, Set.of("d", "e"));

        HistorySnapshot d = history.of("d");
        assertThat(d.after(Long.MIN_VALUE)).containsExactly(new Transition(10, Cause.STATUS),
                new Transition(100, Cause.OFFLINE), new Transition(200, Cause.STATUS));
        assertThat(history.of("e").causeAt(500)).isEqualTo(Cause.NO_DATA);
        assertThat(history.loadedFrom()).isZero();
    }
}

package vn.commune.telemetry.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceFoldTest {

    private static final long I = 60_000;
    private static final long T = 3 * I;

    private static Evidence status(long at) {
        return new Evidence(at, Cause.STATUS);
    }

    private static EvidenceFold.Result fold(FoldState seed, long horizon, Evidence... evidence) {
        return EvidenceFold.fold(seed, List.of(evidence), I, T, horizon);
    }

    /** Verifies that the first status of a device never heard from puts it online at that status. */
    @Test
    void firstStatusGoesOnline() {
        EvidenceFold.Result result = fold(FoldState.NEVER, EvidenceFold.NO_HORIZON, status(1_000), status(61_000));

        assertThat(result.transitions()).containsExactly(new Transition(1_000, Cause.STATUS));
        assertThat(result.end()).isEqualTo(new FoldState(61_000, true, Cause.STATUS));
    }

    /** Verifies that a gap of exactly the timeout is no outage, and one millisecond more is, from last + interval. */
    @Test
    void gapLongerThanTimeoutIsOutageFromLastStatusPlusInterval() {
        assertThat(fold(FoldState.NEVER, EvidenceFold.NO_HORIZON, status(0), status(T)).transitions())
                .containsExactly(new Transition(0, Cause.STATUS));

        assertThat(fold(FoldState.NEVER, EvidenceFold.NO_HORIZON, status(0), status(T + 1)).transitions())
                .containsExactly(new Transition(0, Cause.STATUS), new Transition(I, Cause.TIMEOUT),
                        new Transition(T + 1, Cause.STATUS));
    }

    /** Verifies that announcements count at their own instant and a Will wins an instant shared with a status. */
    @Test
    void announcementsAndWills() {
        EvidenceFold.Result result = fold(FoldState.NEVER, EvidenceFold.NO_HORIZON,
                new Evidence(0, Cause.ONLINE), status(10), new Evidence(20, Cause.OFFLINE),
                status(500), new Evidence(500, Cause.ONLINE), status(900), new Evidence(900, Cause.WILL));
        assertThat(result.transitions()).containsExactly(new Transition(0, Cause.ONLINE),
                new Transition(20, Cause.OFFLINE), new Transition(500, Cause.ONLINE), new Transition(900, Cause.WILL));
    }

    /** Verifies that an offline device that stays silent gets no timeout (it is already offline). */
    @Test
    void silenceAfterOfflineAddsNothing() {
        EvidenceFold.Result result = fold(FoldState.NEVER, 10 * T, status(0), new Evidence(100, Cause.OFFLINE));

        assertThat(result.transitions()).containsExactly(new Transition(0, Cause.STATUS),
                new Transition(100, Cause.OFFLINE));
    }

    /** Verifies the tail: a timeout once the horizon is past the timeout, none before. */
    @Test
    void tailTimeoutNeedsTheHorizon() {
        assertThat(fold(FoldState.NEVER, T, status(0)).transitions()).containsExactly(new Transition(0, Cause.STATUS));
        assertThat(fold(FoldState.NEVER, T + 1, status(0)).transitions())
                .containsExactly(new Transition(0, Cause.STATUS), new Transition(I, Cause.TIMEOUT));
    }

    /** Verifies that folding from a seed gives what folding everything gives, after the seed. */
    @Test
    void foldingFromASeedIsTheSameAsFoldingEverything() {
        List<Evidence> all = List.of(status(0), status(I), status(10 * I), new Evidence(10 * I + 5, Cause.OFFLINE),
                status(20 * I), status(21 * I), status(30 * I));
        EvidenceFold.Result whole = EvidenceFold.fold(FoldState.NEVER, all, I, T, 40 * I);
        for (int cut = 1; cut < all.size(); cut++) {
            EvidenceFold.Result head = EvidenceFold.fold(FoldState.NEVER, all.subList(0, cut), I, T,
                    EvidenceFold.NO_HORIZON);
            EvidenceFold.Result tail = EvidenceFold.fold(head.end(), all.subList(cut, all.size()), I, T, 40 * I);
            long after = head.end().lastAt();
            assertThat(tail.transitions()).as("cut at %d", cut)
                    .isEqualTo(whole.transitions().stream().filter(t -> t.at() > after).toList());
        }
    }

    /** Verifies the order of one instant: signs of life first, so an announcement of going offline wins. */
    @Test
    void evidenceOrder() {
        assertThat(List.of(new Evidence(5, Cause.WILL), status(5), new Evidence(4, Cause.OFFLINE)).stream()
                .sorted().toList()).containsExactly(new Evidence(4, Cause.OFFLINE), status(5), new Evidence(5, Cause.WILL));
    }

    /** Verifies that duplicates change nothing. */
    @Test
    void duplicatesAreHarmless() {
        assertThat(fold(FoldState.NEVER, EvidenceFold.NO_HORIZON, status(0), status(0), status(I), status(I))
                .transitions()).containsExactly(new Transition(0, Cause.STATUS));
    }
}

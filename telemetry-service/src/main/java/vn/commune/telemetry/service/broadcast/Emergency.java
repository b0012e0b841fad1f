package vn.commune.telemetry.service.broadcast;

import java.util.List;
import java.util.Objects;

/**
 * An emergency broadcast in one commune (an issue over villages of several communes is one per commune, with the
 * same id): aired at once by the loudspeakers it names, interrupting whatever plays, until its end or until it is
 * cancelled.
 *
 * @param id          its id, {@code em-} and the epoch ms of its issue; the bulletin id on the wire
 * @param communeId   the commune whose schedule topic carries it
 * @param villages    the villages it was issued for; empty: the whole commune
 * @param devices     the loudspeakers it targets (those of the villages, or of the commune, when issued)
 * @param program     what is aired
 * @param start       when it was issued and starts, epoch ms
 * @param end         when it ends as issued, epoch ms
 * @param issuedBy    who issued it
 * @param cancelledAt when it was cancelled, or null
 * @param cancelledBy who cancelled it, or null
 */
public record Emergency(String id, String communeId, List<String> villages, List<String> devices, String program,
        long start, long end, String issuedBy, Long cancelledAt, String cancelledBy) {

    public Emergency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(communeId, "communeId");
        villages = List.copyOf(villages);
        devices = List.copyOf(devices);
        Objects.requireNonNull(program, "program");
        if (end <= start) {
            throw new IllegalArgumentException("an emergency ends after it starts");
        }
    }

    /** When it really ends: at its end, or when it was cancelled if that is earlier (and after its start). */
    public long effectiveEnd() {
        return cancelledAt == null || cancelledAt >= end ? end : Math.max(start + 1, cancelledAt);
    }

    /** Whether it is on air (for its loudspeakers) at {@code t}. */
    public boolean activeAt(long t) {
        return start <= t && t < effectiveEnd();
    }

    /** This emergency, cancelled at {@code t} by {@code by}. */
    public Emergency cancelled(long t, String by) {
        return new Emergency(id, communeId, villages, devices, program, start, end, issuedBy, t, by);
    }
}

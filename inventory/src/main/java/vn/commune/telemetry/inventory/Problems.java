package vn.commune.telemetry.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects validation problems and reports the first in file order, carrying the rest along.
 *
 * <p>Problems found after {@link #consequences()} may follow from earlier ones (a child whose parent's id was
 * mistyped, a device at that place); they are reported only when there are no others, so the first message a user
 * sees is the cause rather than a symptom.
 */
final class Problems {

    private record Found(InventoryException problem, boolean consequence) {
    }

    private final String source;
    private final List<Found> found = new ArrayList<>();
    private boolean consequences;

    Problems(String source) {
        this.source = source;
    }

    /** Records a problem with one field of an entry. */
    void add(Origin origin, String field, String reason) {
        add(origin.pathOf(field), origin.lineOf(field), reason);
    }

    /** Records a problem with a whole entry. */
    void add(Origin origin, String reason) {
        add(origin.path(), origin.line(), reason);
    }

    /** Records a problem at an explicit path and line. */
    void add(String path, int line, String reason) {
        found.add(new Found(new InventoryException(source, line, path, reason), consequences));
    }

    /** From now on, problems may be consequences of those found so far. */
    void consequences() {
        consequences = true;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the earliest problem (by line; in discovery order when lines are unknown or equal), if any. */
    void throwIfAny() throws InventoryException {
        if (found.isEmpty()) {
            return;
        }
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Found::consequence).thenComparingInt(Problems::sortLine));
        InventoryException first = sorted.get(0).problem();
        for (int i = 1; i < sorted.size() && i <= InventoryException.MAX_SUPPRESSED; i++) {
            first.addSuppressed(sorted.get(i).problem());
        }
        throw first;
    }

    private static int sortLine(Found found) {
        int line = found.problem().line();
        return line == 0 ? Integer.MAX_VALUE : line;
    }
}

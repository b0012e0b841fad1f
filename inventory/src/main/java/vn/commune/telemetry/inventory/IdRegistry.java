package vn.commune.telemetry.inventory;

import java.util.HashSet;
import java.util.Set;

/** Hands out ids that are unique in one generated inventory, adding "-2", "-3", … to a taken one. */
final class IdRegistry {

    private final Set<String> taken = new HashSet<>();

    /** A unique id made from {@code base}, at most {@code maxLength} characters long. */
    String claim(String base, int maxLength) {
        String candidate = truncate(base, maxLength);
        for (int n = 2; !taken.add(candidate); n++) {
            String suffix = "-" + n;
            candidate = truncate(base, maxLength - suffix.length()) + suffix;
        }
        return candidate;
    }

    private static String truncate(String text, int maxLength) {
        return text.length() <= maxLength ? text : PlaceNames.stripDashes(text.substring(0, maxLength));
    }
}

package vn.commune.telemetry.inventory;

import java.util.Map;

/**
 * Where an entry came from: its path in the document, the line it starts on and the lines of its fields, so that
 * validation can point at the offending key.
 */
record Origin(String path, int line, Map<String, Integer> fieldLines) {

    Origin {
        fieldLines = Map.copyOf(fieldLines);
    }

    /** An entry built in code: a path, no lines. */
    static Origin of(String path) {
        return new Origin(path, 0, Map.of());
    }

    /** The line of a field, or of the entry when the field is absent. */
    int lineOf(String field) {
        return fieldLines.getOrDefault(field, line);
    }

    /** The path of a field of this entry. */
    String pathOf(String field) {
        return path + "." + field;
    }
}

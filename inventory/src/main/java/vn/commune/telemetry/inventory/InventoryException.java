package vn.commune.telemetry.inventory;

import java.util.Objects;

/**
 * A problem with an inventory: a file that is not valid YAML, breaks the format, or describes an impossible fleet.
 *
 * <p>The message reads {@code source:line: path: reason}, for example
 * {@code inventory.yaml:42: devices[3].place: no place 'xyz'}. The line is left out when it is not known (an
 * inventory built in code) and the path when the problem concerns the whole file (a YAML syntax error).
 * When the builder found several problems, this exception describes the first one in file order and carries the
 * others (up to {@value #MAX_SUPPRESSED}) as {@linkplain #getSuppressed() suppressed} exceptions.
 */
public final class InventoryException extends Exception {

    /** Most further problems attached to one exception. */
    public static final int MAX_SUPPRESSED = 100;

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String path;
    private final String reason;

    /**
     * Creates a problem.
     *
     * @param source the file name (or another name for where the inventory came from)
     * @param line   the 1-based line, 0 when unknown
     * @param path   where in the document, such as {@code devices[3].place}; empty for the whole document
     * @param reason what is wrong, such as {@code no place 'xyz'}
     */
    public InventoryException(String source, int line, String path, String reason) {
        this(source, line, path, reason, null);
    }

    /** Creates a problem caused by another exception (an I/O or YAML syntax error). */
    public InventoryException(String source, int line, String path, String reason, Throwable cause) {
        super(format(source, line, path, reason), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = Math.max(0, line);
        this.path = path == null ? "" : path;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(String source, int line, String path, String reason) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(reason).toString();
    }

    /** Where the inventory came from: the file name given to the reader, or {@code builder}. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending node, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The place in the document, such as {@code places[0].children[2].population}; empty for the whole file. */
    public String path() {
        return path;
    }

    /** What is wrong, without source, line and path. */
    public String reason() {
        return reason;
    }
}

package vn.commune.telemetry.protocol;

/** Formats the parts of rejection details: device-supplied text made safe for logs, numbers, durations. */
final class Details {

    /** Longest piece of device-supplied text quoted in a detail. */
    static final int MAX_QUOTED = 32;

    private Details() {
    }

    /** {@code text} in double quotes, printable ASCII only (others become '?'), shortened to {@link #MAX_QUOTED}. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 5).append('"');
        int shown = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        if (text.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** A limit as written in this protocol's docs: integral values without a decimal point. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A non-negative duration in milliseconds as {@code 7d}, {@code 2h 5m}, {@code 4m 30s} or {@code 250ms}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        StringBuilder out = new StringBuilder();
        append(out, days, "d");
        append(out, hours, "h");
        if (days == 0) {
            append(out, minutes, "m");
            if (hours == 0) {
                append(out, secs, "s");
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value > 0) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(value).append(unit);
        }
    }
}

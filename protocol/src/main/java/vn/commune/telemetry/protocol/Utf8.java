package vn.commune.telemetry.protocol;

/**
 * Strict UTF-8 validation (RFC 3629, Unicode table 3-7): no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF. NUL bytes are refused too: JSON text never contains one, and without them Jackson cannot mistake the
 * payload for UTF-16 or UTF-32.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The index of the first byte of {@code bytes[0..length)} that starts an invalid sequence or is NUL, or -1 when
     * all is valid. With {@code cutAllowed}, a sequence that is valid so far but cut off by {@code length} is fine.
     */
    static int firstInvalid(byte[] bytes, int length, boolean cutAllowed) {
        int i = 0;
        while (i < length) {
            int c = bytes[i] & 0xFF;
            if (c < 0x80) {
                if (c == 0) {
                    return i;
                }
                i++;
                continue;
            }
            int trailing = trailingBytes(c);
            if (trailing == 0) {
                return i;
            }
            int low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
            int high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
            for (int k = 1; k <= trailing; k++) {
                if (i + k >= length) {
                    return cutAllowed ? -1 : i;
                }
                int d = bytes[i + k] & 0xFF;
                if (k == 1 ? d < low || d > high : d < 0x80 || d > 0xBF) {
                    return i;
                }
            }
            i += trailing + 1;
        }
        return -1;
    }

    /** Continuation bytes that follow lead byte {@code c} (0x80..0xFF), or 0 when it cannot start a sequence. */
    private static int trailingBytes(int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            return 1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            return 2;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            return 3;
        }
        return 0;
    }

    /** Whether {@code text} has a lone UTF-16 surrogate (possible through a JSON escape such as a bare high half). */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

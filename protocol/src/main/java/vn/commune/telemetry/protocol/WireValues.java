package vn.commune.telemetry.protocol;

import java.util.Map;

/** Puts values into field maps with the storage typing: integers as Long, decimals as Double. */
final class WireValues {

    private WireValues() {
    }

    static void put(Map<String, Object> out, String name, Integer value) {
        if (value != null) {
            out.put(name, value.longValue());
        }
    }

    static void put(Map<String, Object> out, String name, Long value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    static void put(Map<String, Object> out, String name, Double value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    static void put(Map<String, Object> out, String name, Boolean value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    static void put(Map<String, Object> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}

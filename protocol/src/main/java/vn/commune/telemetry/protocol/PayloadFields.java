package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of one payload that wire protocol v1 names, as the parser met them in its one pass: each
 * field's JSON token and, for a scalar, its value. Fields v1 does not name are not kept (receivers ignore them), and
 * neither is the content of an object or array (no v1 field is one; only its type matters, for the detail).
 */
final class PayloadFields {

    private static final String[] NAMES = {
        WireFields.V, WireFields.TS, WireFields.KIND, WireFields.TYPE, WireFields.STATE, WireFields.DEVICE,
        WireFields.POWER, WireFields.BATTERY_PCT, WireFields.TEMP_C, WireFields.RSSI_DBM, WireFields.RSRP_DBM,
        WireFields.UPTIME_S, WireFields.PLAYING, WireFields.PROGRAM, WireFields.VOLUME_PCT, WireFields.AMP_OK,
        WireFields.HORNS_OK, WireFields.HORNS_TOTAL, WireFields.CLIENTS, WireFields.UPLINK_OK,
        WireFields.UPLINK_MBPS, WireFields.LATENCY_MS, WireFields.RECORDING, WireFields.STORAGE_USED_PCT,
        WireFields.FPS, WireFields.BITRATE_KBPS, WireFields.TAMPER, WireFields.DEVICES, WireFields.SPOOL_DEPTH,
        WireFields.UPLINK, WireFields.DETAIL,
    };
    private static final Map<String, Integer> SLOTS = slots();

    private final JsonToken[] tokens = new JsonToken[NAMES.length];
    private final String[] texts = new String[NAMES.length];
    private final long[] longs = new long[NAMES.length];
    private final double[] doubles = new double[NAMES.length];
    /** For an integer: 0 when it fits a long, else the sign of the integer beyond that range. */
    private final byte[] beyondLong = new byte[NAMES.length];

    private static Map<String, Integer> slots() {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            slots.put(NAMES[i], i);
        }
        return Map.copyOf(slots);
    }

    /** The slot of a field v1 names, -1 for any other name. */
    int slotOf(String name) {
        Integer slot = SLOTS.get(name);
        return slot == null ? -1 : slot;
    }

    /** Whether the field of {@code slot} was read already. */
    boolean has(int slot) {
        return tokens[slot] != null;
    }

    /**
     * Takes the value the parser stands on, the value of the field of {@code slot}, and moves the parser to its last
     * token. An object or array is skipped ({@link PayloadParser#skip}: no v1 field is one, only its type is kept).
     */
    void read(int slot, JsonToken token, JsonParser parser) throws IOException {
        tokens[slot] = token;
        switch (token) {
            case VALUE_STRING -> texts[slot] = parser.getText();
            case VALUE_NUMBER_INT -> readInteger(slot, parser);
            case VALUE_NUMBER_FLOAT -> doubles[slot] = parser.getDoubleValue();
            case START_OBJECT, START_ARRAY -> PayloadParser.skip(parser, token);
            default -> {
            }
        }
    }

    private void readInteger(int i, JsonParser parser) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger value = parser.getBigIntegerValue();
            if (value.bitLength() > 63) {
                beyondLong[i] = (byte) value.signum();
                doubles[i] = value.doubleValue();
                return;
            }
        }
        long value = parser.getLongValue();
        longs[i] = value;
        doubles[i] = value;
    }

    /** The slot of field {@code name} when the payload has it, else -1. */
    int slot(String name) {
        Integer slot = SLOTS.get(name);
        return slot == null || tokens[slot] == null ? -1 : slot;
    }

    JsonToken token(int slot) {
        return tokens[slot];
    }

    boolean isIntegral(int slot) {
        return tokens[slot] == JsonToken.VALUE_NUMBER_INT;
    }

    boolean isNumber(int slot) {
        return tokens[slot] == JsonToken.VALUE_NUMBER_INT || tokens[slot] == JsonToken.VALUE_NUMBER_FLOAT;
    }

    boolean isText(int slot) {
        return tokens[slot] == JsonToken.VALUE_STRING;
    }

    boolean isBoolean(int slot) {
        return tokens[slot] == JsonToken.VALUE_TRUE || tokens[slot] == JsonToken.VALUE_FALSE;
    }

    /** For an integer: whether it fits a long. */
    boolean fitsLong(int slot) {
        return beyondLong[slot] == 0;
    }

    /** For an integer beyond the long range: its sign. */
    int signBeyondLong(int slot) {
        return beyondLong[slot];
    }

    /** For an integer that fits a long: its value. */
    long longValue(int slot) {
        return longs[slot];
    }

    /** For a number: its value as a double (infinite beyond the double range). */
    double doubleValue(int slot) {
        return doubles[slot];
    }

    /** For a string: its value. */
    String text(int slot) {
        return texts[slot];
    }

    /** The JSON type of the value in words, for details (never its content). */
    String describe(int slot) {
        return switch (tokens[slot]) {
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> "an unsupported value";
        };
    }
}

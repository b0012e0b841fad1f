package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, range-checked reads of the top-level fields of a payload. Each read returns null when the field is absent
 * and throws a {@link Rejection} naming the field when it is present but wrong: JSON null or another JSON type is
 * {@link RejectReason#WRONG_TYPE}; a value outside its range or set is {@link RejectReason#OUT_OF_RANGE}.
 */
final class FieldReader {

    private final ObjectNode root;

    FieldReader(ObjectNode root) {
        this.root = root;
    }

    boolean has(String name) {
        return root.get(name) != null;
    }

    JsonNode node(String name) {
        return root.get(name);
    }

    /** An integer field: a JSON integer token (not {@code 1.0}, not {@code "1"}) within {@code [min, max]}. */
    Long integer(String name, long min, long max) {
        JsonNode node = root.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(name, "an integer", node);
        }
        if (!node.canConvertToLong()) {
            throw outOfRange(name, "integer is beyond the 64-bit range");
        }
        long value = node.longValue();
        if (value < min) {
            throw outOfRange(name, value + " is below " + min);
        }
        if (value > max) {
            throw outOfRange(name, value + " is above " + max);
        }
        return value;
    }

    /** {@link #integer} for a field whose range fits an {@code int}. */
    Integer smallInteger(String name, int min, int max) {
        Long value = integer(name, min, max);
        return value == null ? null : value.intValue();
    }

    /** A decimal field: any JSON number token, within {@code [min, max]}; always returned as a double. */
    Double decimal(String name, double min, double max) {
        JsonNode node = root.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a number", node);
        }
        double value = node.doubleValue();
        if (Double.isNaN(value) || value < min) {
            throw outOfRange(name, shown(value) + " is below " + Details.number(min));
        }
        if (value > max) {
            throw outOfRange(name, shown(value) + " is above " + Details.number(max));
        }
        return value;
    }

    /** A boolean field: {@code true} or {@code false}, not 0/1 and not a string. */
    Boolean bool(String name) {
        JsonNode node = root.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "true or false", node);
        }
        return node.booleanValue();
    }

    /** A string field of at most {@code maxLength} characters (code points), kept exactly as sent. */
    String text(String name, int maxLength) {
        JsonNode node = root.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        String value = node.textValue();
        if (Utf8.hasUnpairedSurrogate(value)) {
            throw new Rejection(RejectReason.MALFORMED_JSON, name + ": string has an unpaired surrogate escape");
        }
        if (value.length() > maxLength) {
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                throw outOfRange(name, "string of " + length + " characters, longer than " + maxLength);
            }
        }
        return value;
    }

    /**
     * A string field naming one value of a set: not a string is {@link RejectReason#WRONG_TYPE}, a string outside the
     * set is {@code unknownReason}.
     */
    <E> E choice(String name, Function<String, Optional<E>> lookup, String allowed, RejectReason unknownReason) {
        JsonNode node = root.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "one of " + allowed, node);
        }
        return lookup.apply(node.textValue()).orElseThrow(() -> new Rejection(unknownReason,
                name + ": " + Details.quote(node.textValue()) + " is not one of " + allowed));
    }

    static Rejection wrongType(String name, String expected, JsonNode node) {
        return new Rejection(RejectReason.WRONG_TYPE, name + ": expected " + expected + ", got " + describe(node));
    }

    private static Rejection outOfRange(String name, String problem) {
        return new Rejection(RejectReason.OUT_OF_RANGE, name + ": " + problem);
    }

    private static String shown(double value) {
        return Double.isFinite(value) ? Details.number(value) : "a number beyond the double range";
    }

    /** The JSON type of {@code node} in words, for details (never its content). */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "an unsupported value";
        };
    }
}

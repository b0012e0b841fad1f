package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, range-checked reads of the top-level fields of a payload. Each read returns null when the field is absent
 * and throws a {@link Rejection} naming the field when it is present but wrong: JSON null or another JSON type is
 * {@link RejectReason#WRONG_TYPE}; a value outside its range or set is {@link RejectReason#OUT_OF_RANGE}.
 */
final class FieldReader {

    private final PayloadFields fields;

    FieldReader(PayloadFields fields) {
        this.fields = fields;
    }

    boolean has(String name) {
        return fields.slot(name) >= 0;
    }

    /** The fields read, for a check of its own ({@code v}, {@code ts}). */
    PayloadFields fields() {
        return fields;
    }

    /** An integer field: a JSON integer token (not {@code 1.0}, not {@code "1"}) within {@code [min, max]}. */
    Long integer(String name, long min, long max) {
        int slot = fields.slot(name);
        if (slot < 0) {
            return null;
        }
        if (!fields.isIntegral(slot)) {
            throw wrongType(name, "an integer", fields, slot);
        }
        if (!fields.fitsLong(slot)) {
            throw outOfRange(name, "integer is beyond the 64-bit range");
        }
        long value = fields.longValue(slot);
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
        int slot = fields.slot(name);
        if (slot < 0) {
            return null;
        }
        if (!fields.isNumber(slot)) {
            throw wrongType(name, "a number", fields, slot);
        }
        double value = fields.doubleValue(slot);
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
        int slot = fields.slot(name);
        if (slot < 0) {
            return null;
        }
        if (!fields.isBoolean(slot)) {
            throw wrongType(name, "true or false", fields, slot);
        }
        return fields.token(slot) == JsonToken.VALUE_TRUE;
    }

    /** A string field of at most {@code maxLength} characters (code points), kept exactly as sent. */
    String text(String name, int maxLength) {
        int slot = fields.slot(name);
        if (slot < 0) {
            return null;
        }
        if (!fields.isText(slot)) {
            throw wrongType(name, "a string", fields, slot);
        }
        String value = fields.text(slot);
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
        int slot = fields.slot(name);
        if (slot < 0) {
            return null;
        }
        if (!fields.isText(slot)) {
            throw wrongType(name, "one of " + allowed, fields, slot);
        }
        String value = fields.text(slot);
        return lookup.apply(value).orElseThrow(() -> new Rejection(unknownReason,
                name + ": " + Details.quote(value) + " is not one of " + allowed));
    }

    static Rejection wrongType(String name, String expected, PayloadFields fields, int slot) {
        return new Rejection(RejectReason.WRONG_TYPE,
                name + ": expected " + expected + ", got " + fields.describe(slot));
    }

    private static Rejection outOfRange(String name, String problem) {
        return new Rejection(RejectReason.OUT_OF_RANGE, name + ": " + problem);
    }

    private static String shown(double value) {
        return Double.isFinite(value) ? Details.number(value) : "a number beyond the double range";
    }
}

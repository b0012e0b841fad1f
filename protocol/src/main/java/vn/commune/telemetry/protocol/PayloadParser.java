package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads payload bytes, in one streaming pass, into the {@link PayloadFields} of a JSON object, or a {@link
 * RejectReason#TOO_LARGE} / {@link RejectReason#MALFORMED_JSON} rejection. The whole payload is read before any field
 * is judged, so bad syntax anywhere (a duplicate key too, also inside a skipped value) wins over a bad field. Never
 * looks at more than {@code maxBytes} bytes.
 *
 * <p>A key given twice in one object is refused here, at the second one, as Jackson's strict duplicate detection
 * would refuse it, but without its cost on every payload: Jackson keeps a hash set of every object's names from the
 * third on (a sixth of a status's parse, profiled). Names v1 knows are checked against {@link PayloadFields}' slots;
 * other names, and those of nested objects, go to a set made only when such a name comes.
 */
final class PayloadParser {

    /** Strict, duplicates included: for the prefix of an oversized payload (rare, and read by Jackson alone). */
    private final JsonFactory factory;
    /** The same rules but for duplicates, which {@link #parse} checks itself. */
    private final JsonFactory fast;
    private final int maxBytes;
    private final int maxDepth;

    PayloadParser(JsonFactory factory, int maxBytes, int maxDepth) {
        this.factory = factory;
        this.fast = factory.rebuild().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** The fields of the payload's top-level object. */
    PayloadFields parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw malformed("empty payload");
        }
        if (payload.length > maxBytes) {
            throw oversized(payload);
        }
        checkEncoding(payload, payload.length, false);
        try (JsonParser parser = fast.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("empty payload (only whitespace)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed("payload must be a JSON object, got " + describe(first));
            }
            PayloadFields fields = new PayloadFields();
            Set<String> others = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int slot = fields.slotOf(name);
                if (slot >= 0) {
                    if (fields.has(slot)) {
                        throw duplicate(name);
                    }
                    fields.read(slot, parser.nextToken(), parser);
                } else {
                    others = remember(others, name);
                    skip(parser, parser.nextToken());
                }
            }
            if (parser.nextToken() != null) {
                throw malformed("trailing content after the JSON object");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw malformed("unreadable payload (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Moves the parser past the value it stands on, to its last token, refusing a key given twice in any object
     * within. A number is read whole, so that the parser's limits apply to every number. Recursion is as deep as the
     * nesting, which the parser bounds.
     */
    static void skip(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            Set<String> names = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names = remember(names, parser.currentName());
                skip(parser, parser.nextToken());
            }
        } else if (token == JsonToken.START_ARRAY) {
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                if (next == null) {
                    throw malformed("truncated: the payload ends inside the JSON object");
                }
                skip(parser, next);
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            parser.getNumberValue();
        }
    }

    /** Adds a name met in one object to the names met before it there (made at the first), refusing it twice. */
    private static Set<String> remember(Set<String> names, String name) {
        Set<String> met = names == null ? new HashSet<>() : names;
        if (!met.add(name)) {
            throw duplicate(name);
        }
        return met;
    }

    private static Rejection duplicate(String key) {
        return malformed("duplicate key " + Details.quote(key));
    }

    /**
     * The rejection of a payload over the limit: {@link RejectReason#MALFORMED_JSON} when its first {@code maxBytes}
     * bytes already show that it is not a JSON object (bad syntax or encoding, nesting too deep, trailing content),
     * {@link RejectReason#TOO_LARGE} otherwise. A non-blocking parser reads the prefix, so a token or character cut
     * by the limit is not mistaken for an error.
     */
    private Rejection oversized(byte[] payload) {
        Rejection tooLarge = new Rejection(RejectReason.TOO_LARGE,
                "payload is " + payload.length + " bytes, more than the " + maxBytes + " allowed");
        try {
            checkEncoding(payload, maxBytes, true);
        } catch (Rejection e) {
            return e;
        }
        try (JsonParser parser = factory.createNonBlockingByteArrayParser()) {
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(payload, 0, maxBytes);
            JsonToken token = parser.nextToken();
            if (token != JsonToken.NOT_AVAILABLE && token != JsonToken.START_OBJECT) {
                return malformed("payload must be a JSON object, got " + describe(token));
            }
            while (token != JsonToken.NOT_AVAILABLE) {
                if (token == JsonToken.END_OBJECT && parser.getParsingContext().inRoot()) {
                    JsonToken next = parser.nextToken();
                    return next == JsonToken.NOT_AVAILABLE ? tooLarge : malformed("trailing content after the object");
                }
                token = parser.nextToken();
            }
            return tooLarge;
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException e) {
            return tooLarge;
        }
    }

    private static void checkEncoding(byte[] payload, int length, boolean cutAllowed) {
        int bad = Utf8.firstInvalid(payload, length, cutAllowed);
        if (bad >= 0) {
            throw malformed(payload[bad] == 0
                    ? "NUL byte at offset " + bad + " (the payload must be UTF-8 JSON)"
                    : "invalid UTF-8 at byte offset " + bad);
        }
    }

    private Rejection malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return malformed(message.contains("nesting")
                    ? "nested deeper than " + maxDepth + " levels"
                    : "a number or name is longer than the parser allows");
        }
        if (e instanceof JsonEOFException) {
            return malformed("truncated: the payload ends inside the JSON object");
        }
        if (message.startsWith("Duplicate field '") && message.endsWith("'")) {
            return duplicate(message.substring("Duplicate field '".length(), message.length() - 1));
        }
        String where = where(e.getLocation());
        if (message.contains("Non-standard token")) {
            return malformed("NaN and Infinity are not JSON numbers" + where);
        }
        return malformed("not valid JSON" + where);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected token";
        };
    }

    private static Rejection malformed(String detail) {
        return new Rejection(RejectReason.MALFORMED_JSON, detail);
    }
}

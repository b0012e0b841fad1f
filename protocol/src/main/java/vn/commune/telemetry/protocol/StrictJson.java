package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * The one way the protocol builds Jackson for what arrives from outside (device payloads, schedules): nesting and
 * string length bounded, a key given twice refused, no {@code NaN} or {@code Infinity}, field names not interned
 * (they come from devices, and the intern table must not grow with whatever they send), and characters outside the
 * basic plane written as such in UTF-8.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A factory with those rules and these limits. */
    public static JsonFactory factory(int maxNestingDepth, int maxStringLength) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }
}

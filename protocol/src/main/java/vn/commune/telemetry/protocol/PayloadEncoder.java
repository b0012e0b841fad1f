package vn.commune.telemetry.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes messages as canonical payloads: UTF-8 (characters outside the BMP as 4-byte UTF-8, not escapes), no
 * whitespace, {@code v} first, then {@code ts} and the discriminator, then the present fields in wire order.
 */
final class PayloadEncoder {

    private final JsonFactory factory;

    PayloadEncoder(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] encode(Message message) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeNumberField(WireFields.V, 1);
                if (message instanceof StatusMessage status) {
                    json.writeNumberField(WireFields.TS, status.ts());
                    json.writeStringField(WireFields.KIND, status.kind().wireName());
                    writeFields(json, status.fields());
                } else if (message instanceof EventMessage event) {
                    json.writeNumberField(WireFields.TS, event.ts());
                    json.writeStringField(WireFields.TYPE, event.type().wireName());
                    writeFields(json, event.fields());
                } else if (message instanceof StateMessage state) {
                    json.writeStringField(WireFields.STATE, state.state().wireName());
                    if (state.ts() != null) {
                        json.writeNumberField(WireFields.TS, state.ts());
                    }
                }
                json.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.channel().wireName() + " message", e);
        }
    }

    private static void writeFields(JsonGenerator json, Map<String, Object> fields) throws IOException {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (value instanceof Long number) {
                json.writeNumberField(name, number);
            } else if (value instanceof Double number) {
                if (!Double.isFinite(number)) {
                    throw new IllegalArgumentException(name + ": " + number + " has no JSON representation");
                }
                json.writeNumberField(name, number);
            } else if (value instanceof Boolean flag) {
                json.writeBooleanField(name, flag);
            } else {
                String text = (String) value;
                if (Utf8.hasUnpairedSurrogate(text)) {
                    throw new IllegalArgumentException(name + ": string has an unpaired surrogate");
                }
                json.writeStringField(name, text);
            }
        }
    }
}

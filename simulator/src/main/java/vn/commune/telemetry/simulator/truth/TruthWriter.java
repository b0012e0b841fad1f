package vn.commune.telemetry.simulator.truth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes truth records as JSON lines, fields in a fixed order so that the same run gives the same bytes. Written by
 * the simulation thread only.
 */
public final class TruthWriter implements AutoCloseable {

    private final OutputStream out;
    private final JsonFactory factory = new JsonFactory();

    /** Creates (or replaces) the file. */
    public TruthWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** Writes one line. */
    public void write(TruthRecord record) {
        try {
            JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("type", record.type());
            if (record instanceof TruthRecord.Header header) {
                header(json, header);
            } else if (record instanceof TruthRecord.DeviceInfo device) {
                device(json, device);
            } else if (record instanceof TruthRecord.State state) {
                state(json, state);
            } else if (record instanceof TruthRecord.Playing playing) {
                playing(json, playing);
            } else if (record instanceof TruthRecord.Slot slot) {
                slot(json, slot);
            } else if (record instanceof TruthRecord.Fault fault) {
                fault(json, fault);
            } else if (record instanceof TruthRecord.End end) {
                end(json, end);
            }
            json.writeEndObject();
            json.close();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the truth file", e);
        }
    }

    private static void header(JsonGenerator json, TruthRecord.Header header) throws IOException {
        json.writeNumberField("v", header.v());
        json.writeNumberField("seed", header.seed());
        json.writeNumberField("start", header.start());
        if (header.end() == null) {
            json.writeNullField("end");
        } else {
            json.writeNumberField("end", header.end());
        }
        if (Double.isInfinite(header.speed())) {
            json.writeStringField("speed", "max");
        } else {
            json.writeNumberField("speed", header.speed());
        }
        json.writeStringField("connections", header.connections());
        json.writeStringField("faults", header.faults());
        json.writeNumberField("malformed_rate", header.malformedRate());
        json.writeNumberField("devices", header.devices());
        json.writeObjectFieldStart("intervals_ms");
        for (Map.Entry<String, Long> entry : new TreeMap<>(header.intervalMillis()).entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeBooleanField("wills", header.wills());
    }

    private static void device(JsonGenerator json, TruthRecord.DeviceInfo device) throws IOException {
        json.writeStringField("device", device.device());
        json.writeStringField("kind", device.kind().wireName());
        json.writeStringField("place", device.place());
        if (device.commune() != null) {
            json.writeStringField("commune", device.commune());
        }
        json.writeStringField("power", device.power());
        json.writeNumberField("interval_ms", device.intervalMillis());
        json.writeNumberField("first_status", device.firstStatus());
    }

    private static void state(JsonGenerator json, TruthRecord.State state) throws IOException {
        json.writeStringField("device", state.device());
        json.writeStringField("state", state.online() ? "online" : "offline");
        json.writeNumberField("from", state.from());
        json.writeNumberField("to", state.to());
        if (state.online()) {
            json.writeNumberField("statuses", state.statuses());
            if (state.statusFirst() != null) {
                json.writeNumberField("status_first", state.statusFirst());
            }
        } else {
            json.writeArrayFieldStart("causes");
            for (String cause : state.causes()) {
                json.writeString(cause);
            }
            json.writeEndArray();
        }
        json.writeNumberField("interval_ms", state.intervalMillis());
    }

    private static void playing(JsonGenerator json, TruthRecord.Playing playing) throws IOException {
        json.writeStringField("device", playing.device());
        json.writeStringField("program", playing.program());
        if (playing.slot() != null) {
            json.writeStringField("slot", playing.slot());
        }
        if (playing.bulletin() != null) {
            json.writeStringField("bulletin", playing.bulletin());
        }
        json.writeStringField("priority", playing.priority());
        json.writeNumberField("schedule_version", playing.scheduleVersion());
        json.writeNumberField("from", playing.from());
        json.writeNumberField("to", playing.to());
    }

    private static void slot(JsonGenerator json, TruthRecord.Slot slot) throws IOException {
        json.writeStringField("device", slot.device());
        json.writeStringField(slot.bulletin() ? "bulletin" : "slot", slot.item());
        json.writeStringField("program", slot.program());
        json.writeStringField("priority", slot.priority());
        json.writeNumberField("schedule_version", slot.scheduleVersion());
        json.writeNumberField("scheduled_from", slot.scheduledFrom());
        json.writeNumberField("scheduled_to", slot.scheduledTo());
        json.writeNumberField("expected_ms", slot.expectedMs());
        json.writeNumberField("played_ms", slot.playedMs());
        json.writeBooleanField("missed", slot.missed());
        if (slot.cause() != null) {
            json.writeStringField("cause", slot.cause());
        }
        json.writeObjectFieldStart("shortfall_ms");
        for (Map.Entry<String, Long> entry : new TreeMap<>(slot.shortfallMs()).entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        if (slot.cut()) {
            json.writeBooleanField("cut", true);
        }
    }

    private static void fault(JsonGenerator json, TruthRecord.Fault fault) throws IOException {
        json.writeStringField("fault", fault.fault());
        if (fault.device() != null) {
            json.writeStringField("device", fault.device());
        }
        if (fault.place() != null) {
            json.writeStringField("place", fault.place());
        }
        if (fault.commune() != null) {
            json.writeStringField("commune", fault.commune());
        }
        json.writeNumberField("from", fault.from());
        json.writeNumberField("to", fault.to());
        for (Map.Entry<String, Object> detail : new TreeMap<>(fault.details()).entrySet()) {
            writeValue(json, detail.getKey(), detail.getValue());
        }
    }

    private static void end(JsonGenerator json, TruthRecord.End end) throws IOException {
        json.writeNumberField("end", end.end());
        json.writeNumberField("messages", end.messages());
        json.writeNumberField("malformed", end.malformed());
    }

    private static void writeValue(JsonGenerator json, String name, Object value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            json.writeNumberField(name, ((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.writeNumberField(name, number);
        } else if (value instanceof List<?> list) {
            json.writeArrayFieldStart(name);
            for (Object element : list) {
                json.writeString(String.valueOf(element));
            }
            json.writeEndArray();
        } else {
            json.writeStringField(name, String.valueOf(value));
        }
    }

    /** Flushes what is written so far to the file. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the truth file", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the truth file", e);
        }
    }
}

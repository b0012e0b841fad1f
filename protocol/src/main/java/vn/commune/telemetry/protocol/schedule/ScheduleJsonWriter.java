package vn.commune.telemetry.protocol.schedule;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;

/** Writes a schedule as its canonical payload: UTF-8 JSON without whitespace, fields in the documented order. */
final class ScheduleJsonWriter {

    private final JsonFactory factory;

    ScheduleJsonWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(CommuneSchedule schedule) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeNumberField("v", schedule.v());
                json.writeStringField("commune", schedule.communeId());
                json.writeNumberField("version", schedule.version());
                json.writeStringField("timezone", schedule.timezone());
                json.writeArrayFieldStart("slots");
                for (ScheduleSlot slot : schedule.slots()) {
                    json.writeStartObject();
                    json.writeStringField("id", slot.id());
                    json.writeArrayFieldStart("days");
                    for (DayOfWeek day : slot.days()) {
                        json.writeString(WireTime.day(day));
                    }
                    json.writeEndArray();
                    json.writeStringField("start", WireTime.time(slot.start()));
                    json.writeStringField("end", WireTime.time(slot.end()));
                    if (slot.nextDay()) {
                        json.writeBooleanField("next_day", true);
                    }
                    json.writeStringField("program", slot.program());
                    json.writeStringField("priority", slot.priority().wireName());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("bulletins");
                for (Bulletin bulletin : schedule.bulletins()) {
                    json.writeStartObject();
                    json.writeStringField("id", bulletin.id());
                    json.writeStringField("priority", bulletin.priority().wireName());
                    json.writeNumberField("start", bulletin.start().toEpochMilli());
                    json.writeNumberField("end", bulletin.end().toEpochMilli());
                    json.writeStringField("program", bulletin.program());
                    if (!bulletin.devices().isEmpty()) {
                        json.writeArrayFieldStart("devices");
                        for (String device : bulletin.devices()) {
                            json.writeString(device);
                        }
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the schedule of " + schedule.communeId(), e);
        }
    }
}

package vn.commune.telemetry.protocol.schedule;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.protocol.RejectReason;
import vn.commune.telemetry.protocol.StrictJson;

/**
 * The JSON codec of commune schedules ({@code cmd/commune/{communeId}/schedule}, retained, QoS 1). Immutable and
 * thread-safe; create one and share it. Neither method throws: both return a {@link ScheduleResult}.
 *
 * <pre>
 * {"v":1,"commune":"gia-phu","version":3,"timezone":"Asia/Ho_Chi_Minh",
 *  "slots":[{"id":"sang","days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"start":"05:30","end":"06:00",
 *            "program":"Bản tin sáng","priority":"normal"}],
 *  "bulletins":[{"id":"bao-so-3","priority":"emergency","start":1764039600000,"end":1764040500000,
 *                "program":"Tin bão khẩn cấp"}]}
 * </pre>
 *
 * <p>Rules: {@code v} is 1; {@code commune} follows the device id rule; {@code version} is 0 or more; {@code timezone}
 * is an IANA zone id (default {@code Asia/Ho_Chi_Minh}); at most {@value #MAX_SLOTS} slots and {@value #MAX_BULLETINS}
 * bulletins with ids unique within their list; a slot has at least one day, {@code HH:mm[:ss]} times with the end after
 * the start (or, with {@code next_day}, on the next day and not after the start) and a priority (default {@code
 * normal}); a bulletin has a priority, epoch-millisecond start and end, the end after the start, and optionally the
 * {@code devices} that air it (at most {@value #MAX_BULLETIN_DEVICES} distinct device ids; absent: all); strings are at
 * most {@value #MAX_STRING_LENGTH} characters, programmes at least one; the payload is at most {@value
 * #MAX_PAYLOAD_BYTES} bytes of UTF-8 JSON without duplicate keys. Unknown fields are ignored.
 */
public final class ScheduleCodec {

    /** Largest payload accepted and produced, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** Most slots in one schedule. */
    public static final int MAX_SLOTS = 200;
    /** Most bulletins in one schedule. */
    public static final int MAX_BULLETINS = 200;
    /** Most loudspeakers one bulletin may name. */
    public static final int MAX_BULLETIN_DEVICES = 500;
    /** Longest string, in characters (code points). */
    public static final int MAX_STRING_LENGTH = 256;
    /** Latest instant a bulletin may name: the end of year 9999. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    private static final int MAX_NESTING_DEPTH = 8;

    private final JsonMapper mapper;
    private final ScheduleJsonWriter writer;

    /** A codec with the limits above. */
    public ScheduleCodec() {
        JsonFactory factory = StrictJson.factory(MAX_NESTING_DEPTH, MAX_PAYLOAD_BYTES);
        this.mapper = JsonMapper.builder(factory).build();
        this.writer = new ScheduleJsonWriter(factory);
    }

    /**
     * Validates a schedule and encodes it canonically. Times are written to the second (fractions dropped), bulletin
     * instants to the millisecond; the schedule in the result is the one the payload decodes to.
     */
    public ScheduleResult encode(CommuneSchedule schedule) {
        if (schedule == null) {
            return new ScheduleResult.Invalid(RejectReason.MISSING_FIELD, "no schedule");
        }
        try {
            CommuneSchedule canonical = truncate(schedule);
            ScheduleRules.check(canonical);
            byte[] payload = writer.write(canonical);
            if (payload.length > MAX_PAYLOAD_BYTES) {
                return new ScheduleResult.Invalid(RejectReason.TOO_LARGE,
                        "payload would be " + payload.length + " bytes, more than the " + MAX_PAYLOAD_BYTES
                                + " allowed");
            }
            return new ScheduleResult.Valid(canonical, payload);
        } catch (ScheduleProblem problem) {
            return problem.toResult();
        } catch (RuntimeException defect) {
            return new ScheduleResult.Invalid(RejectReason.OUT_OF_RANGE,
                    "cannot encode: " + defect.getClass().getSimpleName());
        }
    }

    /** Decodes and validates a payload received on a commune's schedule topic. */
    public ScheduleResult decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new ScheduleResult.Invalid(RejectReason.MALFORMED_JSON, "empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new ScheduleResult.Invalid(RejectReason.TOO_LARGE,
                    "payload is " + payload.length + " bytes, more than the " + MAX_PAYLOAD_BYTES + " allowed");
        }
        try {
            JsonNode root = parse(payload);
            CommuneSchedule schedule = ScheduleJsonReader.read(root);
            ScheduleRules.check(schedule);
            return new ScheduleResult.Valid(schedule, writer.write(schedule));
        } catch (ScheduleProblem problem) {
            return problem.toResult();
        } catch (RuntimeException defect) {
            return new ScheduleResult.Invalid(RejectReason.MALFORMED_JSON,
                    "cannot decode: " + defect.getClass().getSimpleName());
        }
    }

    private JsonNode parse(byte[] payload) {
        try (JsonParser parser = mapper.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ScheduleProblem(RejectReason.MALFORMED_JSON, "payload must be a JSON object");
            }
            JsonNode root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ScheduleProblem(RejectReason.MALFORMED_JSON, "trailing content after the JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String detail = message.startsWith("Duplicate field") ? "duplicate key" : "not valid JSON";
            throw new ScheduleProblem(RejectReason.MALFORMED_JSON, detail);
        } catch (IOException e) {
            throw new ScheduleProblem(RejectReason.MALFORMED_JSON, "unreadable payload");
        }
    }

    /** The schedule as the wire carries it: local times to the second, instants to the millisecond. */
    private static CommuneSchedule truncate(CommuneSchedule schedule) {
        List<ScheduleSlot> slots = new ArrayList<>(schedule.slots().size());
        for (ScheduleSlot slot : schedule.slots()) {
            slots.add(slot == null ? null : new ScheduleSlot(slot.id(), slot.days(), seconds(slot.start()),
                    seconds(slot.end()), slot.nextDay(), slot.program(), slot.priority()));
        }
        List<Bulletin> bulletins = new ArrayList<>(schedule.bulletins().size());
        for (Bulletin bulletin : schedule.bulletins()) {
            bulletins.add(bulletin == null ? null : new Bulletin(bulletin.id(), bulletin.priority(),
                    bulletin.start() == null ? null : bulletin.start().truncatedTo(ChronoUnit.MILLIS),
                    bulletin.end() == null ? null : bulletin.end().truncatedTo(ChronoUnit.MILLIS),
                    bulletin.program(), bulletin.devices()));
        }
        return new CommuneSchedule(schedule.v(), schedule.communeId(), schedule.version(), schedule.timezone(), slots,
                bulletins);
    }

    private static LocalTime seconds(LocalTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    }
}

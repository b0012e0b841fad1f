package vn.commune.telemetry.protocol.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.commune.telemetry.protocol.RejectReason;

/** Reads the JSON tree of a schedule into records, checking the JSON types; the rules come after. */
final class ScheduleJsonReader {

    private static final String DAYS = "MON, TUE, WED, THU, FRI, SAT, SUN";
    private static final String PRIORITIES = "normal, priority, emergency";

    private ScheduleJsonReader() {
    }

    static CommuneSchedule read(JsonNode root) {
        JsonNode v = required(root, "v", "v");
        if (!v.isIntegralNumber()) {
            throw wrongType("v", "the integer 1", v);
        }
        if (!v.canConvertToInt() || v.intValue() != 1) {
            throw new ScheduleProblem(RejectReason.UNSUPPORTED_VERSION,
                    "v: version " + v.asText() + " is not supported, only 1");
        }
        String commune = text(required(root, "commune", "commune"), "commune");
        JsonNode versionNode = required(root, "version", "version");
        if (!versionNode.isIntegralNumber() || !versionNode.canConvertToLong()) {
            throw wrongType("version", "a 64-bit integer", versionNode);
        }
        JsonNode zoneNode = root.get("timezone");
        String timezone = zoneNode == null ? null : text(zoneNode, "timezone");
        List<ScheduleSlot> slots = new ArrayList<>();
        JsonNode slotsNode = root.get("slots");
        if (slotsNode != null) {
            array(slotsNode, "slots", ScheduleCodec.MAX_SLOTS);
            for (int i = 0; i < slotsNode.size(); i++) {
                slots.add(slot(slotsNode.get(i), "slots[" + i + "]"));
            }
        }
        List<Bulletin> bulletins = new ArrayList<>();
        JsonNode bulletinsNode = root.get("bulletins");
        if (bulletinsNode != null) {
            array(bulletinsNode, "bulletins", ScheduleCodec.MAX_BULLETINS);
            for (int i = 0; i < bulletinsNode.size(); i++) {
                bulletins.add(bulletin(bulletinsNode.get(i), "bulletins[" + i + "]"));
            }
        }
        return new CommuneSchedule(1, commune, versionNode.longValue(), timezone, slots, bulletins);
    }

    private static ScheduleSlot slot(JsonNode node, String field) {
        object(node, field);
        String id = text(required(node, "id", field + ".id"), field + ".id");
        JsonNode daysNode = required(node, "days", field + ".days");
        array(daysNode, field + ".days", 7);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < daysNode.size(); i++) {
            String dayField = field + ".days[" + i + "]";
            String text = text(daysNode.get(i), dayField);
            DayOfWeek day = WireTime.parseDay(text).orElseThrow(() -> outOfRange(dayField, "not one of " + DAYS));
            if (!days.add(day)) {
                throw outOfRange(dayField, text + " is listed twice");
            }
        }
        LocalTime start = time(required(node, "start", field + ".start"), field + ".start");
        LocalTime end = time(required(node, "end", field + ".end"), field + ".end");
        JsonNode nextDayNode = node.get("next_day");
        if (nextDayNode != null && !nextDayNode.isBoolean()) {
            throw wrongType(field + ".next_day", "a boolean", nextDayNode);
        }
        boolean nextDay = nextDayNode != null && nextDayNode.booleanValue();
        String program = text(required(node, "program", field + ".program"), field + ".program");
        JsonNode priorityNode = node.get("priority");
        Priority priority = priorityNode == null ? Priority.NORMAL : priority(priorityNode, field + ".priority");
        return new ScheduleSlot(id, days, start, end, nextDay, program, priority);
    }

    private static Bulletin bulletin(JsonNode node, String field) {
        object(node, field);
        String id = text(required(node, "id", field + ".id"), field + ".id");
        Priority priority = priority(required(node, "priority", field + ".priority"), field + ".priority");
        Instant start = instant(required(node, "start", field + ".start"), field + ".start");
        Instant end = instant(required(node, "end", field + ".end"), field + ".end");
        String program = text(required(node, "program", field + ".program"), field + ".program");
        List<String> devices = new ArrayList<>();
        JsonNode devicesNode = node.get("devices");
        if (devicesNode != null) {
            array(devicesNode, field + ".devices", ScheduleCodec.MAX_BULLETIN_DEVICES);
            for (int i = 0; i < devicesNode.size(); i++) {
                devices.add(text(devicesNode.get(i), field + ".devices[" + i + "]"));
            }
        }
        return new Bulletin(id, priority, start, end, program, devices);
    }

    private static Priority priority(JsonNode node, String field) {
        return Priority.fromWire(text(node, field))
                .orElseThrow(() -> outOfRange(field, "not one of " + PRIORITIES));
    }

    private static LocalTime time(JsonNode node, String field) {
        return WireTime.parseTime(text(node, field))
                .orElseThrow(() -> outOfRange(field, "expected HH:mm or HH:mm:ss between 00:00 and 23:59:59"));
    }

    private static Instant instant(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer (epoch milliseconds)", node);
        }
        long millis = node.longValue();
        if (millis < 0 || millis > ScheduleCodec.MAX_EPOCH_MILLIS) {
            throw outOfRange(field, millis + " is outside 1970 to 9999");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static JsonNode required(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null) {
            throw new ScheduleProblem(RejectReason.MISSING_FIELD, field + ": required");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String value = node.textValue();
        if (value.length() > ScheduleCodec.MAX_STRING_LENGTH
                && value.codePointCount(0, value.length()) > ScheduleCodec.MAX_STRING_LENGTH) {
            throw outOfRange(field, "longer than " + ScheduleCodec.MAX_STRING_LENGTH + " characters");
        }
        return value;
    }

    private static void array(JsonNode node, String field, int max) {
        if (!node.isArray()) {
            throw wrongType(field, "an array", node);
        }
        if (node.size() > max) {
            throw outOfRange(field, node.size() + " entries, more than " + max);
        }
    }

    private static void object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw wrongType(field, "an object", node);
        }
    }

    private static ScheduleProblem wrongType(String field, String expected, JsonNode node) {
        return new ScheduleProblem(RejectReason.WRONG_TYPE,
                field + ": expected " + expected + ", got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static ScheduleProblem outOfRange(String field, String problem) {
        return new ScheduleProblem(RejectReason.OUT_OF_RANGE, field + ": " + problem);
    }
}

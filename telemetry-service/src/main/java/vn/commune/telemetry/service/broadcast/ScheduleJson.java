package vn.commune.telemetry.service.broadcast;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.commune.telemetry.protocol.schedule.Priority;

/**
 * Slots as JSON, the same in the API and in the payload published to devices:
 * {@code {"id":"sang","days":["mon","wed"],"start":"06:00","end":"06:30","next_day":false,"program":"…",
 * "priority":"normal"}}
 * for a weekly slot, {@code "date":"2026-12-08"} instead of {@code days} for a one-off one. Times are 24-hour
 * {@code HH:mm} in {@code Asia/Ho_Chi_Minh}; dates ISO {@code yyyy-MM-dd}. Reading reports every problem of shape,
 * each with its slot's path.
 */
public final class ScheduleJson {

    /** Strict: the lenient default would take 24:00 for midnight. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /**
     * Slots read from JSON, or the problems that kept some from being read.
     *
     * @param slots    what was read
     * @param problems what could not be (empty when every slot was read)
     */
    public record Read(List<Slot> slots, List<ScheduleRules.Problem> problems) {
    }

    private ScheduleJson() {
    }

    /** Reads {@code slots}, an array of slot objects. */
    public static Read read(Object slots) {
        List<ScheduleRules.Problem> problems = new ArrayList<>();
        List<Slot> read = new ArrayList<>();
        if (!(slots instanceof JsonArray array)) {
            problems.add(new ScheduleRules.Problem("slots", "must be an array of slots"));
            return new Read(read, problems);
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "slots[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject slot)) {
                problems.add(new ScheduleRules.Problem(path, "must be an object"));
                continue;
            }
            int before = problems.size();
            Slot parsed = slot(slot, path, problems);
            if (parsed != null && problems.size() == before) {
                read.add(parsed);
            }
        }
        return new Read(read, problems);
    }

    private static Slot slot(JsonObject json, String path, List<ScheduleRules.Problem> problems) {
        for (String key : json.fieldNames()) {
            if (!List.of("id", "days", "date", "start", "end", "next_day", "program", "priority").contains(key)) {
                problems.add(new ScheduleRules.Problem(path, "unknown field '" + key + "'"));
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        LocalDate date = null;
        boolean hasDays = json.containsKey("days");
        boolean hasDate = json.containsKey("date");
        if (hasDays == hasDate) {
            problems.add(new ScheduleRules.Problem(path, "give either 'days' (a weekly slot) or 'date' (a one-off "
                    + "slot)"));
        } else if (hasDays) {
            if (!(json.getValue("days") instanceof JsonArray list) || list.isEmpty()) {
                problems.add(new ScheduleRules.Problem(path, "'days' must be a non-empty array of mon … sun"));
            } else {
                for (Object day : list) {
                    int index = DAYS.indexOf(day instanceof String s ? s.toLowerCase(Locale.ROOT) : "");
                    if (index < 0) {
                        problems.add(new ScheduleRules.Problem(path, "'days' has '" + day + "': use mon, tue, wed, "
                                + "thu, fri, sat, sun"));
                    } else {
                        days.add(DayOfWeek.of(index + 1));
                    }
                }
            }
        } else {
            try {
                date = LocalDate.parse(String.valueOf(json.getValue("date")));
            } catch (DateTimeParseException e) {
                problems.add(new ScheduleRules.Problem(path, "'date' must be a date yyyy-MM-dd, got '"
                        + json.getValue("date") + "'"));
            }
        }
        LocalTime start = time(json, "start", path, problems);
        LocalTime end = time(json, "end", path, problems);
        Object nextDay = json.getValue("next_day", false);
        if (!(nextDay instanceof Boolean)) {
            problems.add(new ScheduleRules.Problem(path, "'next_day' must be true or false"));
        }
        Object id = json.getValue("id");
        if (!(id instanceof String)) {
            problems.add(new ScheduleRules.Problem(path, "'id' must be the slot's identifier"));
        }
        Object program = json.getValue("program");
        if (!(program instanceof String)) {
            problems.add(new ScheduleRules.Problem(path, "'program' must be the programme's title"));
        }
        Priority priority = Priority.fromWire(String.valueOf(json.getValue("priority", "normal"))).orElse(null);
        if (priority == null) {
            problems.add(new ScheduleRules.Problem(path, "'priority' must be normal, priority or emergency"));
        }
        if (start == null || end == null || !(id instanceof String) || !(program instanceof String) || priority == null
                || !(nextDay instanceof Boolean) || hasDays == hasDate || hasDays && days.isEmpty()
                || hasDate && date == null) {
            return null;
        }
        return new Slot((String) id, days, date, start, end, (Boolean) nextDay, (String) program, priority);
    }

    private static LocalTime time(JsonObject json, String key, String path, List<ScheduleRules.Problem> problems) {
        Object value = json.getValue(key);
        if (value instanceof String text && text.matches("\\d{2}:\\d{2}")) {
            try {
                return LocalTime.parse(text, TIME);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(new ScheduleRules.Problem(path, "'" + key + "' must be a 24-hour time HH:mm, got '" + value
                + "'"));
        return null;
    }

    /** The slots as JSON. */
    public static JsonArray write(List<Slot> slots) {
        JsonArray out = new JsonArray();
        for (Slot slot : slots) {
            JsonObject json = new JsonObject().put("id", slot.id());
            if (slot.isWeekly()) {
                JsonArray days = new JsonArray();
                for (DayOfWeek day : DayOfWeek.values()) {
                    if (slot.days().contains(day)) {
                        days.add(DAYS.get(day.getValue() - 1));
                    }
                }
                json.put("days", days);
            } else {
                json.put("date", slot.date().toString());
            }
            json.put("start", TIME.format(slot.start()))
                    .put("end", TIME.format(slot.end()))
                    .put("next_day", slot.nextDay())
                    .put("program", slot.program())
                    .put("priority", slot.priority().wireName());
            out.add(json);
        }
        return out;
    }
}

package vn.commune.telemetry.service.broadcast;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.Play;
import vn.commune.telemetry.service.broadcast.ComplianceCalculator.SlotPlay;
import vn.commune.telemetry.service.uptime.Segment;

/**
 * The monthly broadcast report of a place, upward to the province: as a spreadsheet (CSV, one row per place, UTF-8
 * with a byte order mark so that Excel shows Vietnamese names intact) and as a versioned JSON export whose schema is
 * {@code docs/reports.md}. Built from a {@link ComplianceService.Result} of the month.
 */
public final class BroadcastReport {

    /** The JSON export's schema name. */
    public static final String SCHEMA = "commune-telemetry/broadcast-report";
    /** The JSON export's schema version; grows with every incompatible change. */
    public static final int VERSION = 1;
    /** The byte order mark that tells Excel the file is UTF-8. */
    public static final String BOM = "\uFEFF";

    /** How numbers and fields are written in the CSV. */
    public enum CsvStyle {
        /** Vietnamese regional settings (Excel's default in Vietnam): {@code ;} between fields, decimal comma. */
        VI(';', ','),
        /** English regional settings: {@code ,} between fields, decimal point. */
        EN(',', '.');

        private final char delimiter;
        private final char decimal;

        CsvStyle(char delimiter, char decimal) {
            this.delimiter = delimiter;
            this.decimal = decimal;
        }
    }

    private static final List<String> HEADER_VI = List.of("Cấp", "Mã", "Tên", "Thuộc", "Số cụm loa",
            "Lượt phát theo lịch", "Đạt", "Không đạt", "Tỷ lệ đạt (%)", "Phút theo lịch", "Phút đã phát");

    private final Inventory inventory;
    private final ComplianceService.Result result;
    private final YearMonth month;

    public BroadcastReport(Inventory inventory, ComplianceService.Result result, YearMonth month) {
        this.inventory = inventory;
        this.result = result;
        this.month = month;
    }

    /** Totals of a set of slot plays. */
    record Totals(int speakers, int slots, int complied, long expectedMs, long playedMs) {

        static Totals of(List<SlotPlay> plays, int speakers) {
            int complied = 0;
            long expected = 0;
            long played = 0;
            for (SlotPlay play : plays) {
                complied += play.missed() ? 0 : 1;
                expected += play.expectedMs();
                played += play.playedMs();
            }
            return new Totals(speakers, plays.size(), complied, expected, played);
        }

        Double compliance() {
            return slots == 0 ? null : (double) complied / slots;
        }

        JsonObject json() {
            return new JsonObject().put("loudspeakers", speakers).put("slots", slots).put("complied", complied)
                    .put("missed", slots - complied).put("compliance", compliance())
                    .put("scheduled_minutes", expectedMs / 60_000.0).put("played_minutes", playedMs / 60_000.0);
        }
    }

    /** The places of the report: the place itself, then every place below it down to the loudspeakers' places. */
    private Map<Place, List<SlotPlay>> byPlace() {
        Map<String, List<SlotPlay>> grouped = new LinkedHashMap<>();
        grouped.put(result.place().id(), new ArrayList<>());
        for (Place place : inventory.leavesUnder(result.place().id())) {
            for (Place ancestor : inventory.ancestors(place.id())) {
                if (ancestor.depth() >= result.place().depth()) {
                    grouped.computeIfAbsent(ancestor.id(), k -> new ArrayList<>());
                }
            }
        }
        for (SlotPlay slot : result.slots()) {
            inventory.device(slot.deviceId()).ifPresent(device -> {
                for (Place ancestor : inventory.ancestors(device.placeId())) {
                    List<SlotPlay> list = grouped.get(ancestor.id());
                    if (list != null) {
                        list.add(slot);
                    }
                }
            });
        }
        Map<Place, List<SlotPlay>> out = new LinkedHashMap<>();
        grouped.forEach((id, list) -> inventory.place(id).ifPresent(place -> out.put(place, list)));
        return out;
    }

    private int speakersUnder(Place place) {
        return (int) inventory.devicesUnder(place.id()).stream()
                .filter(d -> result.plays().containsKey(d.id())).count();
    }

    /** The spreadsheet: a header row, then one row per place (the place, then every place below), UTF-8 with BOM. */
    public String csv(CsvStyle style) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.Builder.create(CSVFormat.RFC4180)
                .setDelimiter(style.delimiter).get())) {
            printer.printRecord(HEADER_VI);
            for (Map.Entry<Place, List<SlotPlay>> entry : byPlace().entrySet()) {
                Place place = entry.getKey();
                Totals totals = Totals.of(entry.getValue(), speakersUnder(place));
                String parent = place.parentId() == null ? "" : inventory.place(place.parentId()).map(Place::name)
                        .orElse(place.parentId());
                printer.printRecord(place.level(), place.id(), place.name(), parent, totals.speakers(),
                        totals.slots(), totals.complied(), totals.slots() - totals.complied(),
                        totals.compliance() == null ? "" : number(totals.compliance() * 100, 2, style),
                        number(totals.expectedMs() / 60_000.0, 1, style),
                        number(totals.playedMs() / 60_000.0, 1, style));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A number with exactly {@code decimals} decimals, rounded half up, in the style's decimal mark. */
    static String number(double value, int decimals, CsvStyle style) {
        String text = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return style.decimal == '.' ? text : text.replace('.', style.decimal);
    }

    /** The versioned JSON export ({@code docs/reports.md}). */
    public JsonObject json() {
        JsonObject out = new JsonObject()
                .put("schema", SCHEMA)
                .put("version", VERSION)
                .put("place", place(result.place()))
                .put("month", month.toString())
                .put("timezone", Schedule.ZONE.getId())
                .put("from", Instant.ofEpochMilli(result.from()).toString())
                .put("to", Instant.ofEpochMilli(result.to()).toString())
                .put("miss_below", result.threshold());
        JsonArray summaries = new JsonArray();
        byPlace().forEach((place, slots) -> summaries.add(place(place).put("parent", place.parentId())
                .put("summary", Totals.of(slots, speakersUnder(place)).json())));
        out.put("summaries", summaries);
        out.put("items", items());
        out.put("daily", daily());
        out.put("clusters", clusters());
        return out;
    }

    private JsonArray items() {
        Map<String, JsonObject> items = new LinkedHashMap<>();
        for (SlotPlay slot : result.slots()) {
            Airing airing = slot.occurrence();
            String commune = inventory.device(slot.deviceId()).flatMap(d -> inventory.communeOf(d.placeId()))
                    .map(Place::id).orElse(null);
            JsonObject item = items.computeIfAbsent(commune + " " + (airing.bulletin() ? "b:" : "s:")
                    + airing.itemId() + "@" + airing.scheduledStart(), k -> new JsonObject()
                    .put("commune", commune)
                    .put("id", airing.itemId())
                    .put("kind", airing.bulletin() ? "bulletin" : "slot")
                    .put("priority", airing.priority().wireName())
                    .put("program", airing.program())
                    .put("scheduled_start", airing.scheduledStart().toString())
                    .put("scheduled_end", airing.scheduledEnd().toString())
                    .put("clusters", new JsonArray()));
            item.getJsonArray("clusters").add(new JsonObject()
                    .put("device", slot.deviceId())
                    .put("village", inventory.device(slot.deviceId()).map(Device::placeId).orElse(null))
                    .put("actual_start", slot.firstPlayed() == null ? null
                            : Instant.ofEpochMilli(slot.firstPlayed()).toString())
                    .put("expected_seconds", slot.expectedMs() / 1000.0)
                    .put("seconds_played", slot.playedMs() / 1000.0)
                    .put("missed", slot.missed())
                    .put("cause", slot.cause() == null ? null : slot.cause().wireName())
                    .put("cause_detail", slot.detail()));
        }
        return new JsonArray(new ArrayList<>(items.values()));
    }

    /** Per loudspeaker, local day and programme: plays started that day and minutes played that day. */
    private JsonArray daily() {
        JsonArray out = new JsonArray();
        result.plays().forEach((device, plays) -> {
            Map<String, long[]> byDayProgram = new TreeMap<>();
            for (Play play : plays) {
                long from = Math.max(play.from(), result.from());
                long to = Math.min(play.to(), result.to());
                boolean counted = false;
                for (long cursor = from; cursor < to; ) {
                    LocalDate day = Instant.ofEpochMilli(cursor).atZone(Schedule.ZONE).toLocalDate();
                    long dayEnd = day.plusDays(1).atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
                    long[] figures = byDayProgram.computeIfAbsent(day + "\u0000" + play.program(), k -> new long[2]);
                    if (!counted && play.from() >= result.from()) {
                        figures[0]++;
                        counted = true;
                    }
                    figures[1] += Math.min(to, dayEnd) - cursor;
                    cursor = Math.min(to, dayEnd);
                }
            }
            byDayProgram.forEach((key, figures) -> {
                String[] parts = key.split("\u0000", 2);
                out.add(new JsonObject().put("date", parts[0]).put("device", device).put("program", parts[1])
                        .put("plays", figures[0]).put("minutes", figures[1] / 60_000.0));
            });
        });
        return out;
    }

    /** Per loudspeaker, its state intervals in the month: every disconnection and reconnection, with its cause. */
    private JsonArray clusters() {
        JsonArray out = new JsonArray();
        for (String device : result.plays().keySet()) {
            Device speaker = inventory.device(device).orElse(null);
            if (speaker == null) {
                continue;
            }
            JsonArray intervals = new JsonArray();
            for (Segment segment : result.timelines().of(speaker)) {
                long from = Math.max(segment.from(), result.from());
                long to = Math.min(segment.to(), result.to());
                if (to > from) {
                    intervals.add(new JsonObject()
                            .put("state", segment.state().name().toLowerCase(Locale.ROOT))
                            .put("cause", segment.cause().wireName())
                            .put("from", Instant.ofEpochMilli(from).toString())
                            .put("to", Instant.ofEpochMilli(to).toString()));
                }
            }
            out.add(new JsonObject().put("device", device).put("village", speaker.placeId())
                    .put("commune", inventory.communeOf(speaker.placeId()).map(Place::id).orElse(null))
                    .put("intervals", intervals));
        }
        return out;
    }

    private static JsonObject place(Place place) {
        return new JsonObject().put("id", place.id()).put("name", place.name()).put("level", place.level());
    }
}

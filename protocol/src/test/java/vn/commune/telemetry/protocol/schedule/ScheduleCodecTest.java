package vn.commune.telemetry.protocol.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.commune.telemetry.protocol.RejectReason;

/** Verifies the schedule wire format: canonical encoding, defaults, and every rule with its reason. */
class ScheduleCodecTest {

    private static final String EXAMPLE = "{\"v\":1,\"commune\":\"gia-phu\",\"version\":3,"
            + "\"timezone\":\"Asia/Ho_Chi_Minh\",\"slots\":[{\"id\":\"sang\","
            + "\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],"
            + "\"start\":\"05:30\",\"end\":\"06:00\","
            + "\"program\":\"Bản tin sáng\",\"priority\":\"normal\"}],\"bulletins\":[]}";

    private final ScheduleCodec codec = new ScheduleCodec();

    /** Verifies that the documented example decodes to the expected records and encodes back byte for byte. */
    @Test
    void documentedExampleRoundTrips() {
        ScheduleResult.Valid decoded = valid(codec.decode(bytes(EXAMPLE)));

        assertThat(decoded.schedule()).isEqualTo(CommuneSchedule.of("gia-phu", 3,
                List.of(ScheduleSlot.daily("sang", LocalTime.of(5, 30), LocalTime.of(6, 0), "Bản tin sáng")),
                List.of()));
        assertThat(new String(decoded.payload(), StandardCharsets.UTF_8)).isEqualTo(EXAMPLE);
        assertThat(valid(codec.encode(decoded.schedule())).payload()).isEqualTo(bytes(EXAMPLE));
    }

    /** Verifies that bulletins, seconds and priorities survive a round trip and days are written Monday first. */
    @Test
    void bulletinsAndSecondsRoundTrip() {
        CommuneSchedule schedule = CommuneSchedule.of("xuan-quang", 12, List.of(
                new ScheduleSlot("chieu", EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), LocalTime.of(17, 0, 30),
                        LocalTime.of(17, 45), "Thời sự chiều", Priority.PRIORITY)),
                List.of(new Bulletin("bao-so-3", Priority.EMERGENCY, Instant.ofEpochMilli(1_764_039_600_000L),
                        Instant.ofEpochMilli(1_764_040_500_000L), "Tin bão khẩn cấp")));

        ScheduleResult.Valid encoded = valid(codec.encode(schedule));

        assertThat(new String(encoded.payload(), StandardCharsets.UTF_8))
                .contains("\"days\":[\"MON\",\"SUN\"],\"start\":\"17:00:30\",\"end\":\"17:45\"")
                .contains("{\"id\":\"bao-so-3\",\"priority\":\"emergency\",\"start\":1764039600000,"
                        + "\"end\":1764040500000,\"program\":\"Tin bão khẩn cấp\"}");
        assertThat(valid(codec.decode(encoded.payload())).schedule()).isEqualTo(schedule);
    }

    /** Verifies the defaults: time zone Asia/Ho_Chi_Minh, slot priority normal, no slots or bulletins. */
    @Test
    void defaults() {
        ScheduleResult.Valid decoded = valid(codec.decode(bytes("{\"v\":1,\"commune\":\"c1\",\"version\":0,"
                + "\"slots\":[{\"id\":\"a\",\"days\":[\"SAT\"],\"start\":\"08:00\",\"end\":\"08:10\","
                + "\"program\":\"p\"}],\"unknown\":{\"kept\":false}}")));

        assertThat(decoded.schedule().timezone()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(decoded.schedule().slots().get(0).priority()).isEqualTo(Priority.NORMAL);
        assertThat(decoded.schedule().bulletins()).isEmpty();
    }

    /** Verifies each rule of the format and the reason a violation is counted under. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "v 2                 | \"v\":2                                | UNSUPPORTED_VERSION",
        "v as text           | \"v\":\"1\"                            | WRONG_TYPE",
        "bad commune         | \"commune\":\"gia phu\"                | OUT_OF_RANGE",
        "negative version    | \"version\":-1                         | OUT_OF_RANGE",
        "decimal version     | \"version\":1.5                        | WRONG_TYPE",
        "unknown zone        | \"timezone\":\"Mars/Olympus\"          | OUT_OF_RANGE",
        "slots not array     | \"slots\":{}                           | WRONG_TYPE",
        "end before start    | \"slots\":[SLOT_END_BEFORE]            | OUT_OF_RANGE",
        "end equals start    | \"slots\":[SLOT_ZERO]                 | OUT_OF_RANGE",
        "bad time            | \"slots\":[SLOT_BAD_TIME]              | OUT_OF_RANGE",
        "no days             | \"slots\":[SLOT_NO_DAYS]               | OUT_OF_RANGE",
        "bad day             | \"slots\":[SLOT_BAD_DAY]               | OUT_OF_RANGE",
        "repeated day        | \"slots\":[SLOT_TWICE_DAY]             | OUT_OF_RANGE",
        "missing program     | \"slots\":[SLOT_NO_PROGRAM]            | MISSING_FIELD",
        "empty program       | \"slots\":[SLOT_EMPTY_PROGRAM]         | OUT_OF_RANGE",
        "bad priority        | \"slots\":[SLOT_BAD_PRIORITY]          | OUT_OF_RANGE",
        "duplicate slot id   | \"slots\":[SLOT_OK,SLOT_OK]            | OUT_OF_RANGE",
        "bulletin backwards  | \"bulletins\":[BULLETIN_BACKWARDS]     | OUT_OF_RANGE",
        "bulletin no prio    | \"bulletins\":[BULLETIN_NO_PRIORITY]   | MISSING_FIELD",
        "bulletin ts text    | \"bulletins\":[BULLETIN_TEXT_TS]       | WRONG_TYPE",
        "next_day as text    | \"slots\":[SLOT_NEXT_DAY_TEXT]        | WRONG_TYPE",
        "next_day over 24 h  | \"slots\":[SLOT_NEXT_DAY_LONG]        | OUT_OF_RANGE",
        "devices not array   | \"bulletins\":[BULLETIN_DEVICES_TEXT]  | WRONG_TYPE",
        "device id bad       | \"bulletins\":[BULLETIN_DEVICE_BAD]    | OUT_OF_RANGE",
        "device twice        | \"bulletins\":[BULLETIN_DEVICE_TWICE]  | OUT_OF_RANGE",
    })
    void rules(String name, String override, RejectReason expected) {
        ScheduleResult result = codec.decode(bytes(payload(expand(override))));

        assertThat(result).isInstanceOf(ScheduleResult.Invalid.class);
        assertThat(((ScheduleResult.Invalid) result).reason()).as(((ScheduleResult.Invalid) result).detail())
                .isEqualTo(expected);
    }

    /** Verifies the size limits: 256-character strings, 200 slots, 16 KiB. */
    @Test
    void limits() {
        String longProgram = "x".repeat(257);
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1,
                List.of(ScheduleSlot.daily("a", LocalTime.of(1, 0), LocalTime.of(2, 0), longProgram)), List.of())))
                .reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        List<ScheduleSlot> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            many.add(ScheduleSlot.daily("s" + i, LocalTime.of(1, 0), LocalTime.of(1, 1), "p"));
        }
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1, many, List.of()))).detail())
                .startsWith("slots: 201 slots");
        List<ScheduleSlot> big = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            big.add(ScheduleSlot.daily("slot-" + i, LocalTime.of(1, 0), LocalTime.of(1, 1), "p".repeat(100)));
        }
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1, big, List.of()))).reason())
                .isEqualTo(RejectReason.TOO_LARGE);
        assertThat(invalid(codec.decode(new byte[16 * 1024 + 1])).reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    /** Verifies that hostile payloads are refused as malformed, never thrown. */
    @Test
    void hostilePayloadsNeverThrow() {
        assertThat(invalid(codec.decode(null)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(bytes("[1,2]"))).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(bytes("{\"v\":1,"))).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(bytes("{\"v\":1,\"v\":1}"))).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(bytes("{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}"))).reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})).reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.decode(bytes("{} trailing"))).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(invalid(codec.encode(null)).reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(valid(codec.encode(new CommuneSchedule(1, "c", 1, null, null, null))).payload())
                .isEqualTo(bytes("{\"v\":1,\"commune\":\"c\",\"version\":1,\"timezone\":\"Asia/Ho_Chi_Minh\","
                        + "\"slots\":[],\"bulletins\":[]}"));
    }

    /** Verifies that records with missing parts are refused by encode, not thrown. */
    @Test
    void incompleteRecordsAreRefused() {
        Set<DayOfWeek> none = Set.of();
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1,
                List.of(new ScheduleSlot("a", none, LocalTime.NOON, LocalTime.MIDNIGHT, "p", null)), List.of())))
                .reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1, List.of(),
                List.of(new Bulletin("b", Priority.EMERGENCY, null, Instant.EPOCH, "p"))))).reason())
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(invalid(codec.encode(CommuneSchedule.of("c", 1, List.of(),
                List.of(new Bulletin("b", Priority.EMERGENCY, Instant.MIN, Instant.MAX, "p"))))).reason())
                .isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(invalid(codec.encode(CommuneSchedule.of(null, 1, List.of(), List.of()))).reason())
                .isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    /** The example's top-level fields with one replaced or added: {@code "name":json}. */
    private static String payload(String override) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("v", "1");
        fields.put("commune", "\"gia-phu\"");
        fields.put("version", "3");
        int colon = override.indexOf("\":");
        fields.put(override.substring(1, colon), override.substring(colon + 2));
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    private static String bulletin(String extra) {
        return "{\"id\":\"b\",\"priority\":\"emergency\",\"start\":1000,\"end\":2000,\"program\":\"p\"," + extra
                + "}";
    }

    /** Verifies that a slot across midnight and a bulletin for some loudspeakers round-trip. */
    @Test
    void acrossMidnightAndTargetedBulletin() {
        CommuneSchedule schedule = CommuneSchedule.of("gia-phu", 5,
                List.of(new ScheduleSlot("dem", EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(23, 30),
                        LocalTime.of(0, 30), true, "Nhạc đêm", Priority.NORMAL)),
                List.of(new Bulletin("em-1", Priority.EMERGENCY, Instant.ofEpochMilli(1_000),
                        Instant.ofEpochMilli(2_000), "Lũ quét", List.of("ls-a", "ls-b"))));

        ScheduleResult.Valid encoded = valid(codec.encode(schedule));
        String json = new String(encoded.payload(), StandardCharsets.UTF_8);
        ScheduleResult.Valid decoded = valid(codec.decode(encoded.payload()));

        assertThat(json).contains("\"end\":\"00:30\",\"next_day\":true").contains("\"devices\":[\"ls-a\",\"ls-b\"]");
        assertThat(decoded.schedule()).isEqualTo(schedule);
        assertThat(valid(codec.decode(bytes(payload("\"slots\":[" + slot("\"start\":\"06:00\",\"end\":\"06:00\","
                + "\"next_day\":true") + "]")))).schedule().slots().get(0).nextDay()).isTrue();
    }

    private static String expand(String override) {
        return override
                .replace("SLOT_END_BEFORE", slot("\"start\":\"06:00\",\"end\":\"05:30\""))
                .replace("SLOT_ZERO", slot("\"start\":\"06:00\",\"end\":\"06:00\""))
                .replace("SLOT_BAD_TIME", slot("\"start\":\"6:00\",\"end\":\"24:00\""))
                .replace("SLOT_NO_DAYS", "{\"id\":\"a\",\"days\":[],\"start\":\"05:00\",\"end\":\"06:00\","
                        + "\"program\":\"p\"}")
                .replace("SLOT_BAD_DAY", "{\"id\":\"a\",\"days\":[\"Monday\"],\"start\":\"05:00\",\"end\":\"06:00\","
                        + "\"program\":\"p\"}")
                .replace("SLOT_TWICE_DAY", "{\"id\":\"a\",\"days\":[\"MON\",\"MON\"],\"start\":\"05:00\","
                        + "\"end\":\"06:00\",\"program\":\"p\"}")
                .replace("SLOT_NO_PROGRAM", "{\"id\":\"a\",\"days\":[\"MON\"],\"start\":\"05:00\",\"end\":\"06:00\"}")
                .replace("SLOT_EMPTY_PROGRAM", "{\"id\":\"a\",\"days\":[\"MON\"],\"start\":\"05:00\","
                        + "\"end\":\"06:00\",\"program\":\"\"}")
                .replace("SLOT_BAD_PRIORITY", slot("\"start\":\"05:00\",\"end\":\"06:00\",\"priority\":\"URGENT\""))
                .replace("SLOT_OK", slot("\"start\":\"05:00\",\"end\":\"06:00\""))
                .replace("BULLETIN_BACKWARDS", "{\"id\":\"b\",\"priority\":\"emergency\",\"start\":2000,\"end\":1000,"
                        + "\"program\":\"p\"}")
                .replace("BULLETIN_NO_PRIORITY", "{\"id\":\"b\",\"start\":1000,\"end\":2000,\"program\":\"p\"}")
                .replace("SLOT_NEXT_DAY_TEXT", slot("\"start\":\"23:30\",\"end\":\"00:30\",\"next_day\":\"yes\""))
                .replace("SLOT_NEXT_DAY_LONG", slot("\"start\":\"23:30\",\"end\":\"23:31\",\"next_day\":true"))
                .replace("BULLETIN_DEVICES_TEXT", bulletin("\"devices\":\"ls-1\""))
                .replace("BULLETIN_DEVICE_BAD", bulletin("\"devices\":[\"ls 1\"]"))
                .replace("BULLETIN_DEVICE_TWICE", bulletin("\"devices\":[\"ls-1\",\"ls-1\"]"))
                .replace("BULLETIN_TEXT_TS", "{\"id\":\"b\",\"priority\":\"priority\",\"start\":\"now\","
                        + "\"end\":2000,\"program\":\"p\"}");
    }

    private static String slot(String times) {
        return "{\"id\":\"a\",\"days\":[\"MON\"]," + times + ",\"program\":\"p\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ScheduleResult.Valid valid(ScheduleResult result) {
        assertThat(result).isInstanceOf(ScheduleResult.Valid.class);
        return (ScheduleResult.Valid) result;
    }

    private static ScheduleResult.Invalid invalid(ScheduleResult result) {
        assertThat(result).isInstanceOf(ScheduleResult.Invalid.class);
        return (ScheduleResult.Invalid) result;
    }
}

package vn.commune.telemetry.simulator.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.protocol.DeviceKind;

/** Reads a ground-truth file written with {@code --truth} (format in the module README). */
public final class TruthReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FAULT_FIELDS = Set.of("type", "fault", "device", "place", "commune", "from",
            "to");

    private TruthReader() {
    }

    /**
     * Every record of the file, in file order. Lines of unknown types are skipped (later versions may add some).
     *
     * @throws IOException when the file cannot be read or a line is not a valid record (the message names the line)
     */
    public static List<TruthRecord> read(Path file) throws IOException {
        List<TruthRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    TruthRecord record = parse(MAPPER.readTree(line));
                    if (record != null) {
                        records.add(record);
                    }
                } catch (JsonProcessingException | RuntimeException e) {
                    throw new IOException(file + ":" + number + ": not a truth record: " + e.getMessage(), e);
                }
            }
        }
        return records;
    }

    private static TruthRecord parse(JsonNode node) {
        String type = node.path("type").asText();
        return switch (type) {
            case "header" -> header(node);
            case "device" -> new TruthRecord.DeviceInfo(text(node, "device"),
                    DeviceKind.fromWire(text(node, "kind")).orElseThrow(), text(node, "place"),
                    optionalText(node, "commune"), text(node, "power"), number(node, "interval_ms"),
                    number(node, "first_status"));
            case "state" -> state(node);
            case "playing" -> new TruthRecord.Playing(text(node, "device"), text(node, "program"),
                    optionalText(node, "slot"), optionalText(node, "bulletin"), text(node, "priority"),
                    number(node, "schedule_version"), number(node, "from"), number(node, "to"));
            case "slot" -> slot(node);
            case "fault" -> fault(node);
            case "end" -> new TruthRecord.End(number(node, "end"), number(node, "messages"),
                    number(node, "malformed"));
            default -> null;
        };
    }

    private static TruthRecord.Header header(JsonNode node) {
        Map<String, Long> intervals = new LinkedHashMap<>();
        node.path("intervals_ms").fields().forEachRemaining(e -> intervals.put(e.getKey(), e.getValue().asLong()));
        JsonNode speed = node.path("speed");
        JsonNode end = node.path("end");
        return new TruthRecord.Header((int) number(node, "v"), number(node, "seed"), number(node, "start"),
                end.isNumber() ? end.asLong() : null,
                speed.isNumber() ? speed.asDouble() : Double.POSITIVE_INFINITY, text(node, "connections"),
                text(node, "faults"), node.path("malformed_rate").asDouble(), (int) number(node, "devices"), intervals,
                node.path("wills").asBoolean());
    }

    private static TruthRecord.State state(JsonNode node) {
        boolean online = "online".equals(text(node, "state"));
        List<String> causes = new ArrayList<>();
        node.path("causes").forEach(cause -> causes.add(cause.asText()));
        JsonNode first = node.get("status_first");
        return new TruthRecord.State(text(node, "device"), online, number(node, "from"), number(node, "to"), causes,
                node.path("statuses").asLong(), first == null ? null : first.asLong(),
                node.path("interval_ms").asLong());
    }

    private static TruthRecord.Slot slot(JsonNode node) {
        boolean bulletin = node.has("bulletin");
        Map<String, Long> shortfall = new LinkedHashMap<>();
        node.path("shortfall_ms").fields().forEachRemaining(e -> shortfall.put(e.getKey(), e.getValue().asLong()));
        return new TruthRecord.Slot(text(node, "device"), text(node, bulletin ? "bulletin" : "slot"), bulletin,
                text(node, "program"), text(node, "priority"), number(node, "schedule_version"),
                number(node, "scheduled_from"), number(node, "scheduled_to"), number(node, "expected_ms"),
                number(node, "played_ms"), node.path("missed").asBoolean(), optionalText(node, "cause"), shortfall,
                node.path("cut").asBoolean());
    }

    private static TruthRecord.Fault fault(JsonNode node) {
        Map<String, Object> details = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (FAULT_FIELDS.contains(field.getKey())) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> list = new ArrayList<>();
                value.forEach(element -> list.add(element.asText()));
                details.put(field.getKey(), list);
            } else if (value.isIntegralNumber()) {
                details.put(field.getKey(), value.asLong());
            } else if (value.isNumber()) {
                details.put(field.getKey(), value.asDouble());
            } else {
                details.put(field.getKey(), value.asText());
            }
        }
        return new TruthRecord.Fault(text(node, "fault"), optionalText(node, "device"), optionalText(node, "place"),
                optionalText(node, "commune"), number(node, "from"), number(node, "to"), details);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + ": expected a number");
        }
        return value.asLong();
    }
}

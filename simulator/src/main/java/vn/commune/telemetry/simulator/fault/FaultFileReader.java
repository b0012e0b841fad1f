package vn.commune.telemetry.simulator.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.protocol.DeviceKind;

/** Reads a fault file: YAML or JSON (JSON is YAML), format in the module README. */
final class FaultFileReader {

    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final Set<String> TOP = Set.of("profile", "malformed_rate", "rates", "faults");
    private static final Set<String> FAULT_FIELDS = Set.of("type", "device", "place", "commune", "random", "at",
            "duration", "skew", "horns", "rate", "down", "up");
    private static final Set<String> RATE_FIELDS = Set.of("type", "per_day", "duration", "skew", "horns", "rate",
            "down", "up");

    private FaultFileReader() {
    }

    static FaultPlan read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return parse(root, file.getFileName().toString());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static FaultPlan parse(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "the file must be a mapping with profile, malformed_rate, rates, faults");
        }
        checkFields(root, TOP, "");
        FaultPlan base = root.has("profile") ? FaultPlan.profile(text(root.get("profile"), "profile"))
                : FaultPlan.none();
        double malformed = root.has("malformed_rate")
                ? number(root.get("malformed_rate"), "malformed_rate") : base.malformedRate();
        List<FaultRate> rates = new ArrayList<>(base.rates());
        JsonNode ratesNode = root.get("rates");
        if (ratesNode != null) {
            requireArray(ratesNode, "rates");
            for (int i = 0; i < ratesNode.size(); i++) {
                FaultRate rate = rate(ratesNode.get(i), "rates[" + i + "]");
                rates.removeIf(r -> r.type() == rate.type());
                rates.add(rate);
            }
        }
        List<FaultSpec> faults = new ArrayList<>(base.faults());
        JsonNode faultsNode = root.get("faults");
        if (faultsNode != null) {
            requireArray(faultsNode, "faults");
            for (int i = 0; i < faultsNode.size(); i++) {
                faults.add(fault(faultsNode.get(i), "faults[" + i + "]"));
            }
        }
        String planName = base.name().equals("none") ? name : base.name() + "+" + name;
        return new FaultPlan(planName, faults, rates, malformed);
    }

    private static FaultSpec fault(JsonNode node, String path) {
        requireObject(node, path);
        checkFields(node, FAULT_FIELDS, path + ".");
        FaultType type = type(node, path);
        FaultTarget target = target(node, path);
        String at = text(required(node, "at", path), path + ".at");
        Duration duration = duration(required(node, "duration", path), path + ".duration");
        FaultParams params = params(node, path);
        try {
            if (at.startsWith("P") || at.startsWith("p")) {
                return new FaultSpec(type, target, Duration.parse(at), null, duration, params);
            }
            return new FaultSpec(type, target, null, Instant.parse(at), duration, params);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(path + ".at: '" + at
                    + "' is neither an ISO-8601 duration after the start (PT10M) nor an instant "
                    + "(2026-11-25T03:00:00Z)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static FaultRate rate(JsonNode node, String path) {
        requireObject(node, path);
        checkFields(node, RATE_FIELDS, path + ".");
        FaultType type = type(node, path);
        double perDay = number(required(node, "per_day", path), path + ".per_day");
        DurationRange duration = range(required(node, "duration", path), path + ".duration");
        try {
            return new FaultRate(type, perDay, duration, params(node, path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static FaultParams params(JsonNode node, String path) {
        Duration skew = node.has("skew") ? duration(node.get("skew"), path + ".skew") : null;
        Integer horns = node.has("horns") ? (int) number(node.get("horns"), path + ".horns") : null;
        Double rate = node.has("rate") ? number(node.get("rate"), path + ".rate") : null;
        DurationRange down = node.has("down") ? range(node.get("down"), path + ".down") : null;
        DurationRange up = node.has("up") ? range(node.get("up"), path + ".up") : null;
        try {
            return new FaultParams(skew, horns, rate, down, up);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static FaultType type(JsonNode node, String path) {
        String name = text(required(node, "type", path), path + ".type");
        return FaultType.fromWire(name).orElseThrow(() -> new IllegalArgumentException(path + ".type: unknown fault '"
                + name + "'"));
    }

    private static FaultTarget target(JsonNode node, String path) {
        List<FaultTarget> targets = new ArrayList<>();
        if (node.has("device")) {
            targets.add(FaultTarget.device(text(node.get("device"), path + ".device")));
        }
        if (node.has("place")) {
            targets.add(FaultTarget.place(text(node.get("place"), path + ".place")));
        }
        if (node.has("commune")) {
            targets.add(FaultTarget.commune(text(node.get("commune"), path + ".commune")));
        }
        if (node.has("random")) {
            targets.add(random(text(node.get("random"), path + ".random"), path + ".random"));
        }
        if (targets.size() != 1) {
            throw new IllegalArgumentException(path + ": give exactly one of device, place, commune, random");
        }
        return targets.get(0);
    }

    private static FaultTarget random(String what, String path) {
        return switch (what) {
            case "device" -> FaultTarget.randomDevice(null);
            case "village" -> FaultTarget.randomVillage();
            case "commune" -> FaultTarget.randomCommune();
            default -> FaultTarget.randomDevice(DeviceKind.fromWire(what).orElseThrow(() ->
                    new IllegalArgumentException(path + ": '" + what
                            + "' is not device, village, commune, loudspeaker, wifi, camera or gateway")));
        };
    }

    private static DurationRange range(JsonNode node, String path) {
        if (node.isArray() && node.size() == 2) {
            try {
                return new DurationRange(duration(node.get(0), path + "[0]"), duration(node.get(1), path + "[1]"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage());
            }
        }
        Duration single = duration(node, path);
        return new DurationRange(single, single);
    }

    private static Duration duration(JsonNode node, String path) {
        String text = text(node, path);
        try {
            return Duration.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not an ISO-8601 duration such as PT30M");
        }
    }

    private static JsonNode required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(path + "." + field + ": required");
        }
        return value;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(path + ": expected a string");
        }
        return node.textValue();
    }

    private static double number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(path + ": expected a number");
        }
        return node.doubleValue();
    }

    private static void requireArray(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(path + ": expected a list");
        }
    }

    private static void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected a mapping");
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String field = fields.next().getKey();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(prefix + field + ": unknown field (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}

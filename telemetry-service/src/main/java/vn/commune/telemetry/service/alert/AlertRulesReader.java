package vn.commune.telemetry.service.alert;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.NodeReader;
import vn.commune.telemetry.inventory.YamlTree;
import vn.commune.telemetry.inventory.YamlTree.Entry;
import vn.commune.telemetry.inventory.YamlTree.MapNode;
import vn.commune.telemetry.inventory.YamlTree.Node;
import vn.commune.telemetry.inventory.YamlTree.ScalarNode;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Reads {@code config/alerts.yaml} ({@code docs/alerting.md}): a version and a list of rules, each checked against
 * the rule types and the inventory. A problem is an {@link InventoryException} whose message is {@code
 * file:line: path: reason}, the first one found; a file with a problem changes nothing.
 */
public final class AlertRulesReader {

    private static final List<String> TOP = List.of("version", "rules", "people");
    private static final List<String> PERSON = List.of("id", "name", "role", "places", "email", "telegram");
    private static final int MAX_PEOPLE = 10_000;
    private static final List<String> RULE = List.of("id", "type", "severity", "for", "kinds", "places", "level",
            "flap_window", "flap_start", "flap_stop");
    private static final int MAX_RULES = 1_000;

    private AlertRulesReader() {
    }

    /** Reads and checks a rules file. */
    public static AlertConfig read(Path file, Inventory inventory) throws InventoryException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), inventory);
        } catch (IOException e) {
            throw new InventoryException(file.toString(), 0, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and checks rules and people from {@code reader}; {@code source} names it in errors. */
    public static AlertConfig read(Reader reader, String source, Inventory inventory) throws InventoryException {
        NodeReader nodes = new NodeReader(source);
        MapNode root = YamlTree.parse(reader, source, "version, rules, people");
        nodes.checkKeys(root, "", TOP);
        Long version = nodes.wholeNumber(root, "", "version");
        if (version == null || version != 1) {
            throw nodes.error(nodes.lineOf(root, "version"), "version", version == null ? "required: 1"
                    : "version " + version + " is not supported, only 1");
        }
        Entry rulesEntry = root.entries().get("rules");
        if (rulesEntry == null) {
            throw nodes.error(root.line(), "rules", "required: a list of rules (it may be empty: [])");
        }
        List<Node> items = nodes.list(rulesEntry, "rules");
        if (items.size() > MAX_RULES) {
            throw nodes.error(rulesEntry.keyLine(), "rules", items.size() + " rules, more than " + MAX_RULES);
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "rules[" + i + "]";
            AlertRule rule = rule(nodes, nodes.map(items.get(i), path), path, inventory);
            if (!ids.add(rule.id())) {
                throw nodes.error(items.get(i).line(), path + ".id", "'" + rule.id() + "' is used by another rule");
            }
            rules.add(rule);
        }
        return new AlertConfig(rules, people(nodes, root, inventory));
    }

    private static List<Person> people(NodeReader nodes, MapNode root, Inventory inventory)
            throws InventoryException {
        Entry entry = root.entries().get("people");
        if (entry == null) {
            return List.of();
        }
        List<Node> items = nodes.list(entry, "people");
        if (items.size() > MAX_PEOPLE) {
            throw nodes.error(entry.keyLine(), "people", items.size() + " people, more than " + MAX_PEOPLE);
        }
        List<Person> people = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "people[" + i + "]";
            MapNode map = nodes.map(items.get(i), path);
            nodes.checkKeys(map, path, PERSON);
            String id = nodes.text(map, path, "id");
            if (id == null || !id.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                throw nodes.error(nodes.lineOf(map, "id"), path + ".id", id == null ? "required"
                        : "'" + id + "': 1 to 64 of a-z 0-9 _ . -, starting with a letter or digit");
            }
            if (!ids.add(id)) {
                throw nodes.error(nodes.lineOf(map, "id"), path + ".id", "'" + id + "' is used by another person");
            }
            String roleName = nodes.text(map, path, "role");
            Person.Role role = roleName == null ? null : switch (roleName) {
                case "technician" -> Person.Role.TECHNICIAN;
                case "staff" -> Person.Role.STAFF;
                default -> null;
            };
            if (role == null) {
                throw nodes.error(nodes.lineOf(map, "role"), path + ".role", (roleName == null ? "required"
                        : "unknown role '" + roleName + "'") + "; one of technician, staff");
            }
            List<String> places = nodes.placeIds(map, path, "places", inventory);
            Entry placesEntry = map.entries().get("places");
            if (role == Person.Role.TECHNICIAN && places.isEmpty()) {
                throw nodes.error(placesEntry == null ? map.line() : placesEntry.keyLine(), path + ".places",
                        "a technician needs the places (communes) assigned to them");
            }
            String email = nodes.text(map, path, "email");
            if (email != null && !email.matches("[^@\\s<>\",]+@[^@\\s<>\",]+\\.[^@\\s<>\",]+")) {
                throw nodes.error(nodes.lineOf(map, "email"), path + ".email", "'" + email
                        + "' is not an e-mail address");
            }
            String telegram = nodes.text(map, path, "telegram");
            if (telegram != null && !telegram.matches("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}")) {
                throw nodes.error(nodes.lineOf(map, "telegram"), path + ".telegram", "'" + telegram
                        + "' is not a Telegram chat id (a number, or @channelname)");
            }
            if (email == null && telegram == null) {
                throw nodes.error(map.line(), path, "give an email or a telegram chat id, or both");
            }
            String name = nodes.text(map, path, "name");
            people.add(new Person(id, name == null ? id : name, role, places, email, telegram));
        }
        return people;
    }

    private static AlertRule rule(NodeReader nodes, MapNode map, String path, Inventory inventory)
            throws InventoryException {
        nodes.checkKeys(map, path, RULE);
        String id = nodes.text(map, path, "id");
        if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw nodes.error(nodes.lineOf(map, "id"), path + ".id", id == null ? "required"
                    : "'" + id + "': 1 to 64 of a-z 0-9 _ -, starting with a letter or digit");
        }
        String typeName = nodes.text(map, path, "type");
        RuleType type = typeName == null ? null : RuleType.fromWire(typeName).orElse(null);
        if (type == null) {
            throw nodes.error(nodes.lineOf(map, "type"), path + ".type", (typeName == null ? "required"
                    : "unknown type '" + typeName + "'") + "; one of " + names(Arrays.stream(RuleType.values())
                            .filter(t -> t != RuleType.FLAPPING).toArray(RuleType[]::new)));
        }
        String severityName = nodes.text(map, path, "severity");
        Severity severity = severityName == null ? Severity.WARNING
                : Severity.fromWire(severityName).orElseThrow(() -> nodes.error(nodes.lineOf(map, "severity"),
                        path + ".severity", "unknown severity '" + severityName + "'; one of info, warning, "
                                + "critical"));
        Duration pending = Duration.ZERO;
        String forText = nodes.text(map, path, "for");
        if (forText != null) {
            try {
                pending = Duration.parse(forText);
            } catch (DateTimeParseException e) {
                throw nodes.error(nodes.lineOf(map, "for"), path + ".for", "'" + forText + "' is not an ISO-8601 "
                        + "duration such as PT10M");
            }
            if (pending.isNegative()) {
                throw nodes.error(nodes.lineOf(map, "for"), path + ".for", "must not be negative");
            }
        }
        if (type == RuleType.BROADCAST_MISSED && forText != null) {
            throw nodes.error(nodes.lineOf(map, "for"), path + ".for", "rules of type broadcast_missed fire when the "
                    + "missed occurrence is over; they have no 'for'");
        }
        Set<DeviceKind> kinds = EnumSet.noneOf(DeviceKind.class);
        Entry kindsEntry = map.entries().get("kinds");
        if (kindsEntry == null) {
            kinds.addAll(type.kinds());
        } else {
            List<Node> list = nodes.list(kindsEntry, path + ".kinds");
            for (int i = 0; i < list.size(); i++) {
                String kindPath = path + ".kinds[" + i + "]";
                Node item = list.get(i);
                String text = scalarText(nodes, item, kindPath);
                DeviceKind kind = DeviceKind.fromWire(text).orElseThrow(() -> nodes.error(item.line(), kindPath,
                        "unknown kind '" + text + "' (loudspeaker, wifi, camera, gateway)"));
                if (!type.kinds().contains(kind)) {
                    throw nodes.error(list.get(i).line(), kindPath, "rules of type " + type.wireName() + " apply to "
                            + names(type.kinds().toArray(DeviceKind[]::new)) + ", not " + text);
                }
                kinds.add(kind);
            }
            if (kinds.isEmpty()) {
                throw nodes.error(kindsEntry.keyLine(), path + ".kinds", "name at least one kind, or leave it out");
            }
        }
        List<String> places = nodes.placeIds(map, path, "places", inventory);
        Double level = nodes.number(map, path, "level");
        if (type.needsLevel() && level == null) {
            throw nodes.error(map.line(), path + ".level", "required for rules of type " + type.wireName());
        }
        if (type == RuleType.COMMUNE_DOWN && (level <= 0 || level > 100)) {
            throw nodes.error(nodes.lineOf(map, "level"), path + ".level", "a share of a commune's devices in "
                    + "percent: above 0, at most 100");
        }
        if (!type.needsLevel() && level != null) {
            throw nodes.error(nodes.lineOf(map, "level"), path + ".level", "rules of type " + type.wireName()
                    + " have no level");
        }
        return new AlertRule(id, type, severity, kinds, places, pending, level, flapping(nodes, map, path, type));
    }

    private static AlertRule.Flapping flapping(NodeReader nodes, MapNode map, String path, RuleType type)
            throws InventoryException {
        boolean given = map.entries().containsKey("flap_window") || map.entries().containsKey("flap_start")
                || map.entries().containsKey("flap_stop");
        if (!type.followsState()) {
            if (given) {
                throw nodes.error(map.line(), path, "flap_window, flap_start and flap_stop are for rules of type "
                        + "offline and gateway_unreachable");
            }
            return null;
        }
        AlertRule.Flapping defaults = AlertRule.Flapping.DEFAULT;
        Duration window = defaults.window();
        String windowText = nodes.text(map, path, "flap_window");
        if (windowText != null) {
            try {
                window = Duration.parse(windowText);
            } catch (DateTimeParseException e) {
                throw nodes.error(nodes.lineOf(map, "flap_window"), path + ".flap_window", "'" + windowText
                        + "' is not an ISO-8601 duration such as PT20M");
            }
            if (window.isNegative() || window.isZero()) {
                throw nodes.error(nodes.lineOf(map, "flap_window"), path + ".flap_window", "must be positive");
            }
        }
        Long start = nodes.wholeNumber(map, path, "flap_start");
        Long stop = nodes.wholeNumber(map, path, "flap_stop");
        int startValue = start == null ? defaults.start() : start.intValue();
        int stopValue = stop == null ? defaults.stop() : stop.intValue();
        if (startValue < 2 || stopValue < 0 || stopValue >= startValue || startValue > 1_000) {
            throw nodes.error(nodes.lineOf(map, start != null ? "flap_start" : "flap_stop"), path,
                    "flap_start must be 2 to 1000 and flap_stop below it (got " + startValue + " and " + stopValue
                            + ")");
        }
        return new AlertRule.Flapping(window, startValue, stopValue);
    }

    private static String scalarText(NodeReader nodes, Node node, String path) throws InventoryException {
        if (node instanceof ScalarNode scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw nodes.error(node.line(), path, "must be a single value");
    }

    private static String names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value instanceof RuleType type ? type.wireName() : value instanceof DeviceKind kind
                    ? kind.wireName() : value.name());
        }
        return String.join(", ", names);
    }
}

package vn.commune.telemetry.inventory;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.commune.telemetry.inventory.YamlTree.Entry;
import vn.commune.telemetry.inventory.YamlTree.ListNode;
import vn.commune.telemetry.inventory.YamlTree.MapNode;
import vn.commune.telemetry.inventory.YamlTree.Node;
import vn.commune.telemetry.inventory.YamlTree.ScalarNode;

/** Typed access to the nodes of a document, failing with {@code file:line: path: reason}. */
public final class NodeReader {

    private final String source;

    public NodeReader(String source) {
        this.source = source;
    }

    public InventoryException error(int line, String path, String reason) {
        return new InventoryException(source, line, path, reason);
    }

    public static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Fails on the first key that is not allowed, suggesting the allowed key it is closest to. */
    public void checkKeys(MapNode map, String path, List<String> allowed) throws InventoryException {
        for (Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                String hint = closest(entry.key(), allowed);
                throw error(entry.keyLine(), path(path, entry.key()), "unknown key"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
    }

    private static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int distance = EditDistance.between(key.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Where an entry and each of its keys start. */
    Origin origin(MapNode map, String path) {
        Map<String, Integer> lines = new HashMap<>();
        for (Entry entry : map.entries().values()) {
            lines.put(entry.key(), entry.keyLine());
        }
        return new Origin(path, map.line(), lines);
    }

    public int lineOf(MapNode map, String key) {
        Entry entry = map.entries().get(key);
        return entry == null ? map.line() : entry.keyLine();
    }

    public MapNode map(Node node, String path) throws InventoryException {
        if (node instanceof MapNode map) {
            return map;
        }
        throw error(node.line(), path, "must be a mapping of keys to values, not " + describe(node));
    }

    /** The items of a sequence; an empty value counts as an empty sequence. */
    public List<Node> list(Entry entry, String path) throws InventoryException {
        Node node = entry.value();
        if (node instanceof ListNode list) {
            return list.items();
        }
        if (node instanceof ScalarNode scalar && scalar.isNull()) {
            return List.of();
        }
        throw error(node.line(), path, "must be a list, not " + describe(node));
    }

    public ScalarNode scalar(Entry entry, String path) throws InventoryException {
        if (entry.value() instanceof ScalarNode scalar) {
            return scalar;
        }
        throw error(entry.value().line(), path, "must be a single value, not " + describe(entry.value()));
    }

    /**
     * The place ids listed under {@code key}, each a place of the inventory ({@code path.key[i]: no place 'x' in the
     * inventory}); empty when the key is absent. For files that name places: alert rules, people, users.
     */
    public List<String> placeIds(MapNode map, String path, String key, Inventory inventory)
            throws InventoryException {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return List.of();
        }
        List<Node> items = list(entry, path(path, key));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path(path, key) + "[" + i + "]";
            if (!(items.get(i) instanceof ScalarNode scalar) || scalar.isNull()) {
                throw error(items.get(i).line(), itemPath, "must be a place id");
            }
            if (inventory.place(scalar.text()).isEmpty()) {
                throw error(scalar.line(), itemPath, "no place '" + scalar.text() + "' in the inventory");
            }
            ids.add(scalar.text());
        }
        return List.copyOf(ids);
    }

    /** The text of a scalar value; {@code null} when the key is absent or its value empty. */
    public String text(MapNode map, String path, String key) throws InventoryException {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return null;
        }
        ScalarNode scalar = scalar(entry, path(path, key));
        return scalar.isNull() ? null : scalar.text();
    }

    /** A number; {@code null} when the key is absent or its value empty. */
    public Double number(MapNode map, String path, String key) throws InventoryException {
        ScalarNode scalar = numeric(map, path, key, "a number");
        return scalar == null ? null : scalar.number().doubleValue();
    }

    /** A whole number that fits a long; {@code null} when the key is absent or its value empty. */
    public Long wholeNumber(MapNode map, String path, String key) throws InventoryException {
        ScalarNode scalar = numeric(map, path, key, "a whole number");
        if (scalar == null) {
            return null;
        }
        Number number = scalar.number();
        if (scalar.token() != JsonToken.VALUE_NUMBER_INT) {
            throw error(scalar.line(), path(path, key), "must be a whole number, not '" + scalar.text() + "'");
        }
        if (number instanceof BigInteger || number instanceof BigDecimal) {
            throw error(scalar.line(), path(path, key), "'" + scalar.text() + "' is too large");
        }
        return number.longValue();
    }

    private ScalarNode numeric(MapNode map, String path, String key, String what) throws InventoryException {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return null;
        }
        ScalarNode scalar = scalar(entry, path(path, key));
        if (scalar.isNull()) {
            return null;
        }
        if (!scalar.isNumber()) {
            throw error(scalar.line(), path(path, key), "must be " + what + ", not '" + scalar.text() + "'");
        }
        return scalar;
    }

    private static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.isNull() ? "nothing" : "'" + scalar.text() + "'";
    }
}

package vn.commune.telemetry.inventory;

import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.commune.telemetry.inventory.InventoryBuilder.DeviceSpec;
import vn.commune.telemetry.inventory.InventoryBuilder.PlaceSpec;
import vn.commune.telemetry.inventory.YamlTree.Entry;
import vn.commune.telemetry.inventory.YamlTree.MapNode;
import vn.commune.telemetry.inventory.YamlTree.Node;
import vn.commune.telemetry.inventory.YamlTree.ScalarNode;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Reads an inventory file (YAML, format version 1; see {@code docs/inventory.md}).
 *
 * <p>Every problem is reported as an {@link InventoryException} whose message reads {@code file:line: path: reason},
 * for example {@code inventory.yaml:42: devices[3].place: no place 'xyz'}. Unknown keys are errors, so a typo never
 * passes silently. YAML anchors and aliases are refused and files over {@value #MAX_FILE_BYTES} bytes are not read.
 */
public final class InventoryReader {

    /** The only format version this reader knows. */
    public static final int FORMAT_VERSION = 1;

    /** Largest file read, in bytes (50 MiB). */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

    static final List<String> TOP_KEYS = List.of("version", "levels", "places", "devices");
    static final List<String> PLACE_KEYS = List.of("id", "name", "level", "population", "lat", "lon", "children");
    static final List<String> DEVICE_KEYS = List.of("id", "kind", "place", "name", "gateway", "interval");

    private final NodeReader nodes;
    private final InventoryBuilder builder;

    private InventoryReader(String source) {
        this.nodes = new NodeReader(source);
        this.builder = new InventoryBuilder(source);
    }

    /** Reads an inventory file; problems name the file as given. */
    public static Inventory read(Path path) throws InventoryException {
        String source = path.toString();
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new InventoryException(source, 0, "", "the file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " allowed");
            }
            try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return read(reader, source);
            }
        } catch (IOException e) {
            throw new InventoryException(source, 0, "", "cannot read: " + e, e);
        }
    }

    /**
     * Reads an inventory from a reader, which is not closed.
     *
     * @param reader     the YAML text
     * @param sourceName the name used in problems, usually the file name
     */
    public static Inventory read(Reader reader, String sourceName) throws InventoryException {
        return new InventoryReader(sourceName).document(YamlTree.parse(reader, sourceName));
    }

    private Inventory document(MapNode root) throws InventoryException {
        nodes.checkKeys(root, "", TOP_KEYS);
        version(root);
        levels(root);
        Entry places = root.entries().get("places");
        if (places == null) {
            throw nodes.error(root.line(), "places", "missing");
        }
        List<Node> placeItems = nodes.list(places, "places");
        if (placeItems.isEmpty()) {
            throw nodes.error(places.keyLine(), "places", "must list at least one place");
        }
        for (int i = 0; i < placeItems.size(); i++) {
            place(placeItems.get(i), "places[" + i + "]", null);
        }
        Entry devices = root.entries().get("devices");
        if (devices != null) {
            List<Node> deviceItems = nodes.list(devices, "devices");
            for (int i = 0; i < deviceItems.size(); i++) {
                device(deviceItems.get(i), "devices[" + i + "]");
            }
        }
        return builder.build();
    }

    private void version(MapNode root) throws InventoryException {
        Entry entry = root.entries().get("version");
        if (entry == null) {
            throw nodes.error(root.line(), "version", "missing (this reader knows version " + FORMAT_VERSION + ")");
        }
        ScalarNode value = nodes.scalar(entry, "version");
        boolean known = value.isNumber() && value.token() == JsonToken.VALUE_NUMBER_INT
                && value.number().longValue() == FORMAT_VERSION;
        if (!known) {
            throw nodes.error(value.line(), "version", "unsupported version '" + value.text()
                    + "' (this reader knows version " + FORMAT_VERSION + ")");
        }
    }

    private void levels(MapNode root) throws InventoryException {
        Entry entry = root.entries().get("levels");
        if (entry == null) {
            throw nodes.error(root.line(), "levels", "missing");
        }
        List<Node> items = nodes.list(entry, "levels");
        List<String> names = new ArrayList<>(items.size());
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = "levels[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || scalar.isNull()) {
                throw nodes.error(item.line(), path, "must be a level name");
            }
            names.add(scalar.text());
            lines.put("[" + i + "]", item.line());
        }
        builder.levels(names, new Origin("levels", entry.keyLine(), lines));
    }

    private void place(Node node, String path, String parentId) throws InventoryException {
        MapNode map = nodes.map(node, path);
        nodes.checkKeys(map, path, PLACE_KEYS);
        String id = nodes.text(map, path, "id");
        if (id == null) {
            throw nodes.error(nodes.lineOf(map, "id"), path + ".id", "missing");
        }
        builder.place(new PlaceSpec(id, nodes.text(map, path, "name"), nodes.text(map, path, "level"), parentId,
                nodes.wholeNumber(map, path, "population"), nodes.number(map, path, "lat"),
                nodes.number(map, path, "lon"), nodes.origin(map, path)));
        Entry children = map.entries().get("children");
        if (children != null) {
            List<Node> items = nodes.list(children, path + ".children");
            for (int i = 0; i < items.size(); i++) {
                place(items.get(i), path + ".children[" + i + "]", id);
            }
        }
    }

    private void device(Node node, String path) throws InventoryException {
        MapNode map = nodes.map(node, path);
        nodes.checkKeys(map, path, DEVICE_KEYS);
        builder.device(new DeviceSpec(nodes.text(map, path, "id"), kind(map, path), nodes.text(map, path, "place"),
                nodes.text(map, path, "name"), nodes.text(map, path, "gateway"), interval(map, path),
                nodes.origin(map, path)));
    }

    private DeviceKind kind(MapNode map, String path) throws InventoryException {
        String text = nodes.text(map, path, "kind");
        if (text == null) {
            return null;
        }
        return DeviceKind.fromWire(text).orElseThrow(() -> nodes.error(nodes.lineOf(map, "kind"), path + ".kind",
                "unknown kind '" + text + "' (expected " + Arrays.stream(DeviceKind.values())
                        .map(DeviceKind::wireName).collect(Collectors.joining(", ")) + ")"));
    }

    private Duration interval(MapNode map, String path) throws InventoryException {
        String text = nodes.text(map, path, "interval");
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw nodes.error(nodes.lineOf(map, "interval"), path + ".interval", "'" + text
                    + "' is not an ISO-8601 duration (for example PT60S)");
        }
    }
}

package vn.commune.telemetry.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an inventory in the file format that {@link InventoryReader} reads back to an equal inventory: places as a
 * nested tree in pre-order, then the flat device list, keys in a fixed order, no anchors, UTF-8 names unescaped.
 */
public final class InventoryWriter {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private InventoryWriter() {
    }

    /** Writes the inventory to a writer, which is flushed but not closed. */
    public static void write(Inventory inventory, Writer writer) throws IOException {
        write(inventory, writer, null);
    }

    /**
     * Writes the inventory after a comment block.
     *
     * @param header comment text, one {@code #} line per line of it; {@code null} or empty for none
     */
    public static void write(Inventory inventory, Writer writer, String header) throws IOException {
        if (header != null && !header.isEmpty()) {
            for (String line : header.split("\n", -1)) {
                writer.write(line.isEmpty() ? "#\n" : "# " + line + "\n");
            }
        }
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeDocument(inventory, generator);
        }
        writer.flush();
    }

    private static void writeDocument(Inventory inventory, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("version", InventoryReader.FORMAT_VERSION);
        generator.writeArrayFieldStart("levels");
        for (String level : inventory.levels()) {
            generator.writeString(level);
        }
        generator.writeEndArray();
        generator.writeArrayFieldStart("places");
        for (Place root : inventory.roots()) {
            writePlace(inventory, root, generator);
        }
        generator.writeEndArray();
        generator.writeArrayFieldStart("devices");
        for (Device device : inventory.devices()) {
            writeDevice(device, generator);
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    /** Writes the inventory to a file (UTF-8), replacing it only once the new content is complete. */
    public static void write(Inventory inventory, Path path) throws IOException {
        write(inventory, path, null);
    }

    /** Writes the inventory to a file after a comment block, replacing the file only once complete. */
    public static void write(Inventory inventory, Path path, String header) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            write(inventory, writer, header);
        }
        try {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writePlace(Inventory inventory, Place place, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("id", place.id());
        generator.writeStringField("name", place.name());
        generator.writeStringField("level", place.level());
        if (place.isLeaf()) {
            generator.writeNumberField("population", place.population());
        }
        if (place.hasLocation()) {
            generator.writeNumberField("lat", place.lat());
            generator.writeNumberField("lon", place.lon());
        }
        if (!place.isLeaf()) {
            generator.writeArrayFieldStart("children");
            for (Place child : inventory.children(place.id())) {
                writePlace(inventory, child, generator);
            }
            generator.writeEndArray();
        }
        generator.writeEndObject();
    }

    private static void writeDevice(Device device, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("id", device.id());
        generator.writeStringField("kind", device.kind().wireName());
        generator.writeStringField("place", device.placeId());
        if (device.name() != null) {
            generator.writeStringField("name", device.name());
        }
        if (device.gatewayId() != null) {
            generator.writeStringField("gateway", device.gatewayId());
        }
        if (device.interval() != null) {
            generator.writeStringField("interval", device.interval().toString());
        }
        generator.writeEndObject();
    }
}

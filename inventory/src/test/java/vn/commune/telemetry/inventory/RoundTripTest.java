package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies that what the writer writes, the reader reads back to an equal inventory. */
class RoundTripTest {

    /** Verifies the round trip of the small hand-written fleet, and that writing twice gives the same text. */
    @Test
    void smallFleet() throws InventoryException {
        Inventory original = Fixtures.small();
        String text = Fixtures.write(original);
        Inventory back = Fixtures.read(text, "written.yaml");
        assertThat(back).isEqualTo(original);
        assertThat(back.hashCode()).isEqualTo(original.hashCode());
        assertThat(Fixtures.write(back)).isEqualTo(text);
        assertThat(text).contains("name: Cụm loa thôn Hải Khê").contains("interval: PT30S");
    }

    /** Verifies the round trip of a generated province (every place and device kind, thousands of entries). */
    @Test
    void generatedProvince() throws InventoryException {
        Inventory original = FleetGenerator.province(7);
        Inventory back = Fixtures.read(Fixtures.write(original), "province.yaml");
        assertThat(back).isEqualTo(original);
    }

    /** Verifies that values YAML would otherwise read as numbers, booleans or nulls come back as text. */
    @Test
    void quirkyValues() throws InventoryException {
        Inventory original = new InventoryBuilder()
                .levels("on", "null")
                .place("yes", "123", "on", null, null, null, null)
                .place("null", "true", "null", "yes", 7L, -0.5, 0.0)
                .place("1e3", "a: b # c", "null", "yes", 0L, 90.0, -180.0)
                .place("0x1f", "'quoted' \"double\" ~", "null", "yes", 5L, 1e-5, 179.99999)
                .device("no", DeviceKind.GATEWAY, "yes", "- dash", null, Duration.ofMinutes(5))
                .device("0123", DeviceKind.WIFI, "null", "@at [x] {y}", "no", Duration.ofMillis(1500))
                .device("true", DeviceKind.CAMERA, "1e3", "  spaces  ", "no", null)
                .build();
        String text = Fixtures.write(original);
        Inventory back = Fixtures.read(text, "quirky.yaml");
        assertThat(back).isEqualTo(original);
        assertThat(back.device("0123").orElseThrow().interval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(back.place("0x1f").orElseThrow().name()).isEqualTo("'quoted' \"double\" ~");
    }

    /** Verifies writing to a file with a comment header and reading the file back. */
    @Test
    void file(@TempDir Path directory) throws IOException, InventoryException {
        Inventory original = Fixtures.small();
        Path path = directory.resolve("inventory.yaml");
        InventoryWriter.write(original, path, "first line\n\nthird line");
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# first line\n#\n# third line\nversion: 1\n");
        assertThat(InventoryReader.read(path)).isEqualTo(original);
        InventoryWriter.write(FleetGenerator.district(1), path);
        assertThat(InventoryReader.read(path)).isEqualTo(FleetGenerator.district(1));
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(path);
        }
    }
}

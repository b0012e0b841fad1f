package vn.commune.telemetry.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Inventories shared by the tests of this module. */
final class Fixtures {

    private Fixtures() {
    }

    /** The text of a test resource. */
    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code small.yaml}: Lào Cai > Bảo Thắng > Gia Phú (2 villages) and Xuân Quang (1 village), 6 devices. */
    static Inventory small() throws InventoryException {
        return read(resource("small.yaml"), "small.yaml");
    }

    static Inventory read(String yaml, String source) throws InventoryException {
        return InventoryReader.read(new StringReader(yaml), source);
    }

    static String write(Inventory inventory) {
        StringWriter text = new StringWriter();
        try {
            InventoryWriter.write(inventory, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

package vn.commune.telemetry.simulator;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;

/** Inventories for the simulator's tests. */
public final class Fleets {

    private Fleets() {
    }

    /** Two communes, four villages, fourteen devices (small-fleet.yaml). */
    public static Inventory small() {
        try (Reader reader = new InputStreamReader(Fleets.class.getResourceAsStream("/small-fleet.yaml"),
                StandardCharsets.UTF_8)) {
            return InventoryReader.read(reader, "small-fleet.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InventoryException e) {
            throw new IllegalStateException(e);
        }
    }
}

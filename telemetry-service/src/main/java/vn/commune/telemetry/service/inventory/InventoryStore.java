package vn.commune.telemetry.service.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;

/**
 * The inventory the service runs with. A reload reads and validates the file first and only then replaces the
 * running inventory, so a bad file changes nothing.
 */
public final class InventoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryStore.class);

    private final Vertx vertx;
    private final Path file;
    private final AtomicReference<Inventory> current;

    public InventoryStore(Vertx vertx, Path file, Inventory initial) {
        this.vertx = vertx;
        this.file = file;
        this.current = new AtomicReference<>(initial);
    }

    /** Reads the file once, at start-up, before Vert.x runs anything. */
    public static Inventory readAtStart(Path file) throws InventoryException {
        return InventoryReader.read(file);
    }

    /** The inventory in force. */
    public Inventory current() {
        return current.get();
    }

    /** The file it comes from. */
    public Path file() {
        return file;
    }

    /** Reads the file again; fails with the file's line and reason when it is bad, keeping the running one. */
    public Future<Inventory> reload() {
        return vertx.executeBlocking(() -> InventoryReader.read(file))
                .onSuccess(inventory -> {
                    current.set(inventory);
                    LOG.info("Inventory reloaded from {}: {} places, {} devices", file, inventory.places().size(),
                            inventory.devices().size());
                })
                .onFailure(e -> LOG.warn("Inventory reload refused, keeping the running one: {}", e.getMessage()));
    }
}

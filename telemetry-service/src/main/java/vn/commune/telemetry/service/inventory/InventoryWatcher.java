package vn.commune.telemetry.service.inventory;

import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the inventory when its file changes: checks the file's modification time and size every period (portable,
 * and cheap for one file) and reloads once they change. A bad file is refused by the reload (logged; the running
 * inventory stays) and is not tried again until it changes again.
 */
public final class InventoryWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryWatcher.class);

    private final Vertx vertx;
    private final InventoryStore store;
    private long timer = -1;
    private long lastModified = -1;
    private long lastSize = -1;
    private boolean checking;

    public InventoryWatcher(Vertx vertx, InventoryStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** Notes the file as it is now and checks it every {@code periodMillis}. */
    public void start(long periodMillis) {
        vertx.fileSystem().props(store.file().toString()).onSuccess(this::remember);
        timer = vertx.setPeriodic(periodMillis, id -> check());
    }

    /** Stops watching. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        vertx.fileSystem().props(store.file().toString()).onComplete(done -> {
            checking = false;
            if (done.failed()) {
                return;
            }
            FileProps props = done.result();
            if (props.lastModifiedTime() == lastModified && props.size() == lastSize) {
                return;
            }
            remember(props);
            LOG.info("Inventory file {} changed; reloading", store.file());
            store.reload();
        });
    }

    private void remember(FileProps props) {
        lastModified = props.lastModifiedTime();
        lastSize = props.size();
    }
}

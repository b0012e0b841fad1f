package vn.commune.telemetry.service.auth;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;

/**
 * The users of the users file, read at start-up and again whenever the file changes (checked every few seconds on a
 * worker thread). A file with a problem is refused with {@code file:line: path: reason}: at start-up the service does
 * not start; on a change the users in force stay. A missing file is no users (only the API token gets in), with a
 * warning.
 */
public final class UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);
    private static final long CHECK_MS = 3_000;

    private final Vertx vertx;
    private final Path file;
    private final Supplier<Inventory> inventory;
    private volatile Map<String, User> users = Map.of();
    private volatile long modified = Long.MIN_VALUE;
    private long timer = -1;
    private boolean checking;

    public UserStore(Vertx vertx, Path file, Supplier<Inventory> inventory) {
        this.vertx = vertx;
        this.file = file;
        this.inventory = inventory;
    }

    /** Reads the file (at start-up, before serving); fails on a file with a problem. */
    public void load() throws InventoryException {
        long stamp = stamp();
        if (!Files.exists(file)) {
            LOG.warn("Users: no users file at {}: nobody can log in to the dashboard (add one with: java -jar "
                    + "telemetry-service.jar user add admin --role admin)", file.toAbsolutePath());
            modified = stamp;
            return;
        }
        apply(UsersFile.read(file, inventory.get()));
        modified = stamp;
        LOG.info("Users: {} from {}", users.size(), file);
    }

    /** Starts watching the file. */
    public void start() {
        timer = vertx.setPeriodic(CHECK_MS, id -> check());
    }

    /** Stops watching. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** The user with this username. */
    public Optional<User> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** Every user, in the file's order. */
    public List<User> all() {
        return users.values().stream().sorted((a, b) -> a.username().compareTo(b.username())).toList();
    }

    private void apply(List<User> read) {
        Map<String, User> byName = new HashMap<>();
        read.forEach(user -> byName.put(user.username(), user));
        users = Map.copyOf(byName);
    }

    private record Check(long stamp, List<User> users, String problem) {
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        Inventory inv = inventory.get();
        vertx.executeBlocking(() -> {
            long stamp = stamp();
            if (stamp == modified) {
                return null;
            }
            if (!Files.exists(file)) {
                return new Check(stamp, List.of(), null);
            }
            try {
                return new Check(stamp, UsersFile.read(file, inv), null);
            } catch (InventoryException e) {
                return new Check(stamp, null, e.getMessage());
            }
        }, false).onComplete(done -> {
            checking = false;
            if (done.failed() || done.result() == null) {
                return;
            }
            Check check = done.result();
            modified = check.stamp();
            if (check.problem() != null) {
                LOG.error("Users: {} not reloaded, the users in force stay: {}", file, check.problem());
                return;
            }
            apply(check.users());
            LOG.info("Users: {} reloaded from {}", users.size(), file);
        });
    }

    private long stamp() {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file) * 31;
        } catch (IOException e) {
            return -1;
        }
    }
}

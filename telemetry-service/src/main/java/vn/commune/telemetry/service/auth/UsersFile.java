package vn.commune.telemetry.service.auth;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.NodeReader;
import vn.commune.telemetry.inventory.YamlTree;
import vn.commune.telemetry.inventory.YamlTree.Entry;
import vn.commune.telemetry.inventory.YamlTree.MapNode;
import vn.commune.telemetry.inventory.YamlTree.Node;
import vn.commune.telemetry.inventory.YamlTree.ScalarNode;

/**
 * The users file ({@code docs/users.md}): a version and a list of users, each checked against the roles and the
 * inventory's places. A problem is an {@link InventoryException} whose message is {@code file:line: path: reason}.
 * Written back (by the {@code user} command) atomically, readable by its owner only.
 */
public final class UsersFile {

    private static final List<String> TOP = List.of("version", "users");
    private static final List<String> USER = List.of("username", "name", "role", "places", "approver", "password");
    private static final int MAX_USERS = 100_000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private UsersFile() {
    }

    /** Reads and checks a users file. */
    public static List<User> read(Path file, Inventory inventory) throws InventoryException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), inventory);
        } catch (IOException e) {
            throw new InventoryException(file.toString(), 0, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and checks users from {@code reader}; {@code source} names it in errors. */
    public static List<User> read(Reader reader, String source, Inventory inventory) throws InventoryException {
        NodeReader nodes = new NodeReader(source);
        MapNode root = YamlTree.parse(reader, source, "version, users");
        nodes.checkKeys(root, "", TOP);
        Long version = nodes.wholeNumber(root, "", "version");
        if (version == null || version != 1) {
            throw nodes.error(nodes.lineOf(root, "version"), "version", version == null ? "required: 1"
                    : "version " + version + " is not supported, only 1");
        }
        Entry entry = root.entries().get("users");
        if (entry == null) {
            throw nodes.error(root.line(), "users", "required: a list of users (it may be empty: [])");
        }
        List<Node> items = nodes.list(entry, "users");
        if (items.size() > MAX_USERS) {
            throw nodes.error(entry.keyLine(), "users", items.size() + " users, more than " + MAX_USERS);
        }
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "users[" + i + "]";
            MapNode map = nodes.map(items.get(i), path);
            User user = user(nodes, map, path, inventory);
            if (!names.add(user.username())) {
                throw nodes.error(nodes.lineOf(map, "username"), path + ".username", "'" + user.username()
                        + "' is used by another user");
            }
            users.add(user);
        }
        return List.copyOf(users);
    }

    private static User user(NodeReader nodes, MapNode map, String path, Inventory inventory)
            throws InventoryException {
        nodes.checkKeys(map, path, USER);
        String username = nodes.text(map, path, "username");
        String usernameProblem = checkUsername(username);
        if (usernameProblem != null) {
            throw nodes.error(nodes.lineOf(map, "username"), path + ".username", usernameProblem);
        }
        String roleName = nodes.text(map, path, "role");
        Role role = roleName == null ? null : Role.fromWire(roleName).orElse(null);
        if (role == null) {
            throw nodes.error(nodes.lineOf(map, "role"), path + ".role", (roleName == null ? "required"
                    : "unknown role '" + roleName + "'") + "; one of admin, staff, technician, official");
        }
        List<String> places = nodes.placeIds(map, path, "places", inventory);
        Entry placesEntry = map.entries().get("places");
        String placesProblem = checkPlaces(role, places);
        if (placesProblem != null) {
            throw nodes.error(placesEntry == null ? map.line() : placesEntry.keyLine(), path + ".places",
                    placesProblem);
        }
        boolean approver = false;
        Entry approverEntry = map.entries().get("approver");
        if (approverEntry != null) {
            if (!(approverEntry.value() instanceof ScalarNode scalar) || (scalar.token() != JsonToken.VALUE_TRUE
                    && scalar.token() != JsonToken.VALUE_FALSE)) {
                throw nodes.error(approverEntry.keyLine(), path + ".approver", "must be true or false");
            }
            approver = scalar.token() == JsonToken.VALUE_TRUE;
            if (approver && role != Role.OFFICIAL && role != Role.STAFF) {
                throw nodes.error(approverEntry.keyLine(), path + ".approver", "only officials and staff approve "
                        + "schedules (an admin may anyway)");
            }
        }
        String password = nodes.text(map, path, "password");
        if (password == null || !Passwords.knownFormat(password)) {
            throw nodes.error(password == null ? map.line() : nodes.lineOf(map, "password"), path + ".password",
                    password == null ? "required: a password hash (set it with: telemetry-service user passwd "
                            + username + ")" : "not an Argon2id ($argon2id$…) or bcrypt ($2b$…) hash; a password "
                                    + "is never written here in clear");
        }
        return new User(username, nodes.text(map, path, "name"), role, places, approver, password);
    }

    /** Why a username is refused, or null. */
    public static String checkUsername(String username) {
        if (username == null) {
            return "required";
        }
        return username.matches("[a-z0-9][a-z0-9._-]{0,63}") ? null
                : "'" + username + "': 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit";
    }

    /** Why a role's places are refused, or null. */
    public static String checkPlaces(Role role, List<String> places) {
        if ((role == Role.TECHNICIAN || role == Role.OFFICIAL) && places.isEmpty()) {
            return "a " + role.wireName() + " needs the places (communes) they act for";
        }
        if (role == Role.ADMIN && !places.isEmpty()) {
            return "an admin acts everywhere: leave places out";
        }
        return null;
    }

    /** Writes the users, replacing the file atomically; the file is readable by its owner only. */
    public static void write(Path file, List<User> users) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (User user : users) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("username", user.username());
            entry.put("name", user.name());
            entry.put("role", user.role().wireName());
            if (!user.places().isEmpty()) {
                entry.put("places", user.places());
            }
            if (user.approver()) {
                entry.put("approver", true);
            }
            entry.put("password", user.passwordHash());
            list.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("users", list);
        String text = "# Users of Commune Telemetry (docs/users.md). Written by: telemetry-service user …\n"
                + "# Passwords are Argon2id hashes; the service reads this file again when it changes.\n"
                + YAML.writeValueAsString(root);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".users-", ".yaml");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: left as created
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

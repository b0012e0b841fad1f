package vn.commune.telemetry.service.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;

/**
 * {@code java -jar telemetry-service.jar user …}: adds, changes, lists and removes users of the users file, and sets
 * or resets passwords (a generated one is printed once; {@code --password-stdin} reads one instead). The running
 * service reads the file again within seconds.
 *
 * <pre>
 * user add USERNAME --role admin|staff|technician|official [--name NAME] [--places a,b] [--approver] [--password-stdin]
 * user set USERNAME [--role ROLE] [--name NAME] [--places a,b] [--approver true|false]
 * user passwd USERNAME [--password-stdin]
 * user remove USERNAME
 * user list
 * common: [--file config/users.yaml (USERS_FILE)] [--inventory config/inventory.yaml (INVENTORY)]
 * </pre>
 */
public final class UserCommand {

    /** Exit code of a bad command or a refused change. */
    public static final int EXIT_USAGE = 2;
    static final String USAGE = """
            usage: telemetry-service user add USERNAME --role admin|staff|technician|official [--name NAME]
                                      [--places a,b] [--approver] [--password-stdin]
                   telemetry-service user set USERNAME [--role ROLE] [--name NAME] [--places a,b] [--approver true|false]
                   telemetry-service user passwd USERNAME [--password-stdin]
                   telemetry-service user remove USERNAME
                   telemetry-service user list
            common options: --file FILE (USERS_FILE; config/users.yaml), --inventory FILE (INVENTORY;
                            config/inventory.yaml)""";

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Passwords passwords = new Passwords();

    public UserCommand(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (after {@code user}); returns the exit code. */
    public int run(String[] args) {
        try {
            return execute(args);
        } catch (UsageException e) {
            err.println("user: " + e.getMessage());
            return EXIT_USAGE;
        } catch (InventoryException e) {
            err.println("user: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("user: " + e.getMessage());
            return 1;
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private int execute(String[] args) throws UsageException, InventoryException, IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? EXIT_USAGE : 0;
        }
        String action = args[0];
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--approver") && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                options.put("--approver", "true");
            } else if (arg.equals("--password-stdin")) {
                options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value\n" + USAGE);
                }
                options.put(arg, args[++i]);
            } else {
                positional.add(arg);
            }
        }
        List<String> known = List.of("--role", "--name", "--places", "--approver", "--password-stdin", "--file",
                "--inventory");
        for (String option : options.keySet()) {
            if (!known.contains(option)) {
                throw new UsageException("unknown option " + option + "\n" + USAGE);
            }
        }
        Path file = Path.of(options.getOrDefault("--file", env.getOrDefault("USERS_FILE", "config/users.yaml")));
        Inventory inventory = InventoryReader.read(Path.of(options.getOrDefault("--inventory",
                env.getOrDefault("INVENTORY", "config/inventory.yaml"))));
        List<User> users = new ArrayList<>(Files.exists(file) ? UsersFile.read(file, inventory) : List.of());
        if (action.equals("list")) {
            for (User user : users) {
                out.println(user.username() + "\t" + user.role().wireName() + (user.approver() ? " (approver)" : "")
                        + "\t" + (user.places().isEmpty() ? "*" : String.join(",", user.places())) + "\t"
                        + user.name());
            }
            return 0;
        }
        if (positional.size() != 1) {
            throw new UsageException(action + " takes one USERNAME\n" + USAGE);
        }
        String username = positional.get(0);
        int index = indexOf(users, username);
        switch (action) {
            case "add" -> {
                String problem = UsersFile.checkUsername(username);
                if (problem != null) {
                    throw new UsageException("username " + problem);
                }
                if (index >= 0) {
                    throw new UsageException("'" + username + "' exists already (change it with: user set)");
                }
                Role role = role(options.get("--role"));
                if (role == null) {
                    throw new UsageException("add needs --role admin|staff|technician|official");
                }
                String password = password(options);
                User user = new User(username, options.get("--name"), role, places(options, inventory),
                        approver(options, false), passwords.hash(password));
                check(user);
                users.add(user);
                UsersFile.write(file, users);
                announce(username, password, options);
            }
            case "set" -> {
                User old = existing(users, index, username);
                Role role = options.containsKey("--role") ? role(options.get("--role")) : old.role();
                if (role == null) {
                    throw new UsageException("unknown role '" + options.get("--role") + "'; one of admin, staff, "
                            + "technician, official");
                }
                User user = new User(username, options.getOrDefault("--name", old.name()), role,
                        options.containsKey("--places") ? places(options, inventory) : old.places(),
                        approver(options, old.approver()), old.passwordHash());
                check(user);
                users.set(index, user);
                UsersFile.write(file, users);
                out.println(username + ": " + user.role().wireName() + (user.approver() ? ", approver" : "")
                        + (user.places().isEmpty() ? ", everywhere" : ", " + String.join(",", user.places())));
            }
            case "passwd" -> {
                User old = existing(users, index, username);
                String password = password(options);
                users.set(index, old.withPassword(passwords.hash(password)));
                UsersFile.write(file, users);
                announce(username, password, options);
            }
            case "remove" -> {
                existing(users, index, username);
                users.remove(index);
                UsersFile.write(file, users);
                out.println(username + " removed");
            }
            default -> throw new UsageException("unknown action '" + action + "'\n" + USAGE);
        }
        return 0;
    }

    private void announce(String username, String password, Map<String, String> options) {
        if (options.containsKey("--password-stdin")) {
            out.println(username + ": password set");
        } else {
            out.println(username + ": password (shown once, give it to them in person): " + password);
        }
    }

    private String password(Map<String, String> options) throws UsageException, IOException {
        if (!options.containsKey("--password-stdin")) {
            return Passwords.generate();
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.length() < Passwords.MIN_LENGTH) {
            throw new UsageException("the password read from standard input must have at least "
                    + Passwords.MIN_LENGTH + " characters");
        }
        return line;
    }

    private static void check(User user) throws UsageException {
        String problem = UsersFile.checkPlaces(user.role(), user.places());
        if (problem != null) {
            throw new UsageException("--places: " + problem);
        }
        if (user.approver() && user.role() != Role.OFFICIAL && user.role() != Role.STAFF) {
            throw new UsageException("--approver: only officials and staff approve schedules");
        }
    }

    private static User existing(List<User> users, int index, String username) throws UsageException {
        if (index < 0) {
            throw new UsageException("no user '" + username + "'");
        }
        return users.get(index);
    }

    private static int indexOf(List<User> users, String username) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).username().equals(username)) {
                return i;
            }
        }
        return -1;
    }

    private static Role role(String name) {
        return name == null ? null : Role.fromWire(name).orElse(null);
    }

    private static boolean approver(Map<String, String> options, boolean fallback) throws UsageException {
        String value = options.get("--approver");
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new UsageException("--approver takes true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> places(Map<String, String> options, Inventory inventory) throws UsageException {
        String value = options.get("--places");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> places = Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        for (String place : places) {
            if (inventory.place(place).isEmpty()) {
                throw new UsageException("--places: no place '" + place + "' in the inventory");
            }
        }
        return places;
    }
}

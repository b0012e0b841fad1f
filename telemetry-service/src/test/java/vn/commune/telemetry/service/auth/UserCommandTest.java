package vn.commune.telemetry.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;

/** The users file and the {@code user} command that writes it. */
class UserCommandTest {

    private static final Path INVENTORY = Path.of("..", "config", "inventory.yaml");

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    /** Runs {@code user …} as the service's main would (the words after {@code user}). */
    private static Run run(Path file, String stdin, String... command) {
        String[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--file";
        all[args.length + 1] = file.toString();
        all[args.length + 2] = "--inventory";
        all[args.length + 3] = INVENTORY.toString();
        int code = new UserCommand(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Verifies the whole round: an admin added with a generated password, a technician with places, an official
     * with a password from standard input, a change of role and places, a reset, a removal; the file stays readable by
     * its owner only and every password verifies against its Argon2id hash.
     */
    @Test
    void addSetResetRemove() throws Exception {
        Path file = tmp.resolve("users.yaml");
        Inventory inventory = InventoryReader.read(INVENTORY);
        Passwords passwords = new Passwords();

        Run admin = run(file, "", "user", "add", "admin", "--role", "admin", "--name", "Quản trị");
        assertThat(admin.code()).isZero();
        String generated = admin.out().substring(admin.out().lastIndexOf(' ') + 1).trim();
        assertThat(generated).hasSize(16);
        assertThat(run(file, "", "user", "add", "binh", "--role", "technician", "--places", "gia-phu,xuan-quang")
                .code()).isZero();
        assertThat(run(file, "mat-khau-cua-hoa\n", "user", "add", "hoa", "--role", "official", "--places", "gia-phu",
                "--approver", "--password-stdin").out()).isEqualTo("hoa: password set\n");

        List<User> users = UsersFile.read(file, inventory);
        assertThat(users).extracting(User::username).containsExactly("admin", "binh", "hoa");
        assertThat(users.get(0).name()).isEqualTo("Quản trị");
        assertThat(users.get(0).passwordHash()).startsWith("$argon2id$");
        assertThat(passwords.matches(generated, users.get(0).passwordHash())).isTrue();
        assertThat(passwords.matches("mat-khau-cua-hoa", users.get(2).passwordHash())).isTrue();
        assertThat(passwords.matches("mat-khau-cua-hoa", users.get(1).passwordHash())).isFalse();
        assertThat(users.get(1).places()).containsExactly("gia-phu", "xuan-quang");
        assertThat(users.get(2).approver()).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        assertThat(run(file, "", "user", "set", "binh", "--role", "staff", "--places", "bao-thang").out())
                .isEqualTo("binh: staff, bao-thang\n");
        String oldHash = UsersFile.read(file, inventory).get(2).passwordHash();
        Run reset = run(file, "", "user", "passwd", "hoa");
        String fresh = reset.out().substring(reset.out().lastIndexOf(' ') + 1).trim();
        User hoa = UsersFile.read(file, inventory).get(2);
        assertThat(hoa.passwordHash()).isNotEqualTo(oldHash);
        assertThat(passwords.matches(fresh, hoa.passwordHash())).isTrue();
        assertThat(run(file, "", "user", "remove", "admin").code()).isZero();
        assertThat(run(file, "", "user", "list").out()).isEqualTo("binh\tstaff\tbao-thang\tbinh\n"
                + "hoa\tofficial (approver)\tgia-phu\thoa\n");
    }

    /** Verifies refused commands: each says why, exits 2 and leaves the file as it was. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no role           | user add a                                  | add needs --role admin|staff|technician|official",
        "bad username      | user add Ánh --role staff                   | username 'Ánh': 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit",
        "technician alone  | user add t --role technician               | --places: a technician needs the places (communes) they act for",
        "unknown place     | user add t --role technician --places nowhere | --places: no place 'nowhere' in the inventory",
        "admin with places | user add t --role admin --places gia-phu    | --places: an admin acts everywhere: leave places out",
        "approver tech     | user add t --role technician --places gia-phu --approver | --approver: only officials and staff approve schedules",
        "exists            | user add seed --role staff                  | 'seed' exists already (change it with: user set)",
        "no such user      | user passwd nobody                          | no user 'nobody'",
        "short password    | user passwd seed --password-stdin           | the password read from standard input must have at least 10 characters",
        "unknown option    | user add a --rol staff                      | unknown option --rol",
    })
    void refused(String name, String command, String message) throws Exception {
        Path file = Files.createTempDirectory(tmp, "refused").resolve("users.yaml");
        assertThat(run(file, "", "user", "add", "seed", "--role", "staff").code()).isZero();
        String before = Files.readString(file);

        Run refused = run(file, "short\n", command.trim().split("\\s+"));

        assertThat(refused.code()).isEqualTo(UserCommand.EXIT_USAGE);
        assertThat(refused.err()).startsWith("user: " + message);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    /** Verifies that the file's problems name line and path, and that a clear password is refused. */
    @Test
    void fileProblems() throws Exception {
        Inventory inventory = InventoryReader.read(INVENTORY);
        String hash = new Passwords().hash("mot-mat-khau-dai");
        assertThat(problem(inventory, "  - {username: a, role: boss, password: '" + hash + "'}"))
                .isEqualTo("users.yaml:3: users[0].role: unknown role 'boss'; one of admin, staff, technician, "
                        + "official");
        assertThat(problem(inventory, "  - {username: a, role: staff, password: hunter2hunter2}"))
                .isEqualTo("users.yaml:3: users[0].password: not an Argon2id ($argon2id$…) or bcrypt ($2b$…) hash; "
                        + "a password is never written here in clear");
        assertThat(problem(inventory, "  - {username: a, role: official, password: '" + hash + "'}"))
                .isEqualTo("users.yaml:3: users[0].places: a official needs the places (communes) they act for");
        assertThat(problem(inventory, "  - {username: a, role: staff, approver: 3, password: '" + hash + "'}"))
                .isEqualTo("users.yaml:3: users[0].approver: must be true or false");
    }

    private static String problem(Inventory inventory, String line) {
        try {
            UsersFile.read(new StringReader("version: 1\nusers:\n" + line + "\n"), "users.yaml", inventory);
            return null;
        } catch (InventoryException e) {
            return e.getMessage();
        }
    }
}

package vn.commune.telemetry.service.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerAccountsCommandTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new BrokerAccountsCommand(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private int runOn(Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of("--inventory", inventory.toString(), "--dir",
                dir.resolve("broker").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private Path passwd() {
        return dir.resolve("broker/passwd");
    }

    private Path acl() {
        return dir.resolve("broker/acl");
    }

    private Path credentials() {
        return dir.resolve("broker/credentials");
    }

    /**
     * Verifies that a first run writes one hashed line per account, an ACL with each account's rights, and every
     * password once to the provisioning file, all mode 600, and prints no password.
     */
    @Test
    void firstRunWritesTheThreeFiles() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));

        assertThat(runOn(inventory, "--publisher-account", "simulator")).isZero();

        Map<String, String> lines = PasswordFile.read(passwd());
        assertThat(lines.keySet()).containsExactly("telemetry-service", "simulator", "gw-a", "ls-a1", "wifi-a1",
                "ls-a2", "ls-b1", "gw-b", "ls-b2");
        Map<String, String> passwords = CredentialsFile.read(credentials());
        assertThat(passwords.keySet()).isEqualTo(lines.keySet());
        passwords.forEach((user, password) -> {
            assertThat(MosquittoHash.matches(password, lines.get(user).substring(user.length() + 1))).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                    .doesNotContain(password);
        });
        for (Path file : List.of(passwd(), acl(), credentials())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        String aclText = Files.readString(acl());
        assertThat(aclText).contains("""
                user ls-a2
                topic write tele/ls-a2/#
                topic read cmd/ls-a2/#
                topic read cmd/commune/xa-a/#
                """, """
                user gw-a
                topic write tele/gw-a/#
                topic write tele/ls-a1/#
                topic write tele/wifi-a1/#
                topic read cmd/gw-a/#
                topic read cmd/ls-a1/#
                topic read cmd/wifi-a1/#
                topic read cmd/commune/xa-a/#
                """, """
                user telemetry-service
                topic write cmd/#
                topic read tele/#
                """, """
                user simulator
                topic write tele/#
                topic write simulator/#
                topic read cmd/#
                topic read simulator/#
                """);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("9 new password(s)");
    }

    /**
     * Verifies that after an inventory change the removed device loses its account and its provisioning entry, the
     * new one gets both, and every other line stays byte for byte, with the unseen passwords kept.
     */
    @Test
    void rerunAddsAndRemovesWithoutTouchingOthers() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));
        assertThat(runOn(inventory)).isZero();
        List<String> before = Files.readAllLines(passwd());
        Map<String, String> passwordsBefore = CredentialsFile.read(credentials());

        // the same inventory again: nothing changes
        assertThat(runOn(inventory)).isZero();
        assertThat(Files.readAllLines(passwd())).isEqualTo(before);
        assertThat(CredentialsFile.read(credentials())).isEqualTo(passwordsBefore);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("added 0, removed 0, rotated 0, unchanged 8")
                .doesNotContain("new password");

        // ls-b1 leaves, ls-a3 arrives
        SmallFleet.write(SmallFleet.with(Set.of("ls-b1"), true), inventory);
        assertThat(runOn(inventory)).isZero();

        List<String> after = Files.readAllLines(passwd());
        List<String> expectedKept = before.stream().filter(l -> !l.startsWith("ls-b1:")).toList();
        assertThat(after.subList(0, after.size() - 1)).isEqualTo(expectedKept);
        assertThat(after.get(after.size() - 1)).startsWith("ls-a3:$7$101$");
        Map<String, String> passwordsAfter = CredentialsFile.read(credentials());
        assertThat(passwordsAfter).doesNotContainKey("ls-b1").containsKey("ls-a3");
        passwordsBefore.forEach((user, password) -> {
            if (!user.equals("ls-b1")) {
                assertThat(passwordsAfter.get(user)).isEqualTo(password);
            }
        });
        assertThat(Files.readString(acl())).contains("user ls-a3\n").doesNotContain("ls-b1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("added 1 (ls-a3), removed 1 (ls-b1)");
    }

    /** Verifies that a rotation changes that account's line and provisioning entry only. */
    @Test
    void rotationChangesOneAccount() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));
        assertThat(runOn(inventory)).isZero();
        Map<String, String> linesBefore = PasswordFile.read(passwd());
        Map<String, String> passwordsBefore = CredentialsFile.read(credentials());

        assertThat(runOn(inventory, "--rotate", "gw-a")).isZero();

        Map<String, String> linesAfter = PasswordFile.read(passwd());
        Map<String, String> passwordsAfter = CredentialsFile.read(credentials());
        assertThat(linesAfter.get("gw-a")).isNotEqualTo(linesBefore.get("gw-a"));
        assertThat(MosquittoHash.matches(passwordsAfter.get("gw-a"), linesAfter.get("gw-a").substring(5))).isTrue();
        assertThat(MosquittoHash.matches(passwordsBefore.get("gw-a"), linesAfter.get("gw-a").substring(5))).isFalse();
        linesBefore.keySet().stream().filter(u -> !u.equals("gw-a")).forEach(u -> {
            assertThat(linesAfter.get(u)).isEqualTo(linesBefore.get(u));
            assertThat(passwordsAfter.get(u)).isEqualTo(passwordsBefore.get(u));
        });
        assertThat(runOn(inventory, "--rotate", "nobody")).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot rotate 'nobody'");
    }

    /**
     * Verifies that once the operator has handed out and deleted the provisioning file, a new device's password is
     * the only one in the new file; and that a password already waiting for an account without a hash (a run stopped
     * between the two files) is the one hashed, not replaced.
     */
    @Test
    void provisioningFileNeverLosesUnseenPasswords() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));
        assertThat(runOn(inventory)).isZero();
        Files.delete(credentials());
        SmallFleet.write(SmallFleet.with(Set.of(), true), inventory);
        assertThat(runOn(inventory)).isZero();
        assertThat(CredentialsFile.read(credentials()).keySet()).containsExactly("ls-a3");

        // a stopped run: ls-a3's password is in the provisioning file, its line not yet in the password file
        String waiting = CredentialsFile.read(credentials()).get("ls-a3");
        List<String> lines = new ArrayList<>(Files.readAllLines(passwd()));
        lines.removeIf(l -> l.startsWith("ls-a3:"));
        Files.write(passwd(), lines);
        assertThat(runOn(inventory)).isZero();
        assertThat(CredentialsFile.read(credentials())).containsExactly(Map.entry("ls-a3", waiting));
        assertThat(MosquittoHash.matches(waiting, PasswordFile.read(passwd()).get("ls-a3").substring(6))).isTrue();
    }

    /** Verifies the errors: a bad password-file line by file:line, a missing inventory, bad options, and --help. */
    @Test
    void badInputIsNamed() throws IOException {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));
        Files.createDirectories(passwd().getParent());
        Files.writeString(passwd(), "gw-a:$7$101$W7fEpmzWbS0FDsfe$3YszWSGvL4TTPGYbhsjPcqCfaWzGQufu+kj5Z9vsUdDMaeQy1P93UM"
                + "Bm+fEZswx+2OUJe+W5YOvxDDSkWy4FwQ==\n\nls-a1:hunter2\n");

        assertThat(runOn(inventory)).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(passwd() + ":3: the password of 'ls-a1' is not a "
                + "hash");
        assertThat(Files.exists(acl())).as("nothing written").isFalse();

        Files.writeString(passwd(), "no colon here\n");
        assertThat(runOn(inventory)).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(passwd() + ":1: expected username:hash");
        Files.delete(passwd());

        Files.writeString(credentials(), "# comment\nls-a1\n");
        assertThat(runOn(inventory)).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(credentials() + ":2: expected username:password");
        Files.delete(credentials());

        assertThat(runOn(dir.resolve("missing.yaml"))).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.yaml");

        assertThat(runOn(inventory, "--service-account", "gw-a")).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'gw-a' is a device of the inventory");
        assertThat(run("--inventory", inventory.toString())).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --dir DIR");
        assertThat(runOn(inventory, "--bogus", "x")).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);

        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--publisher-account", "never in production");
    }

    /** Verifies --group-readable: password and ACL files 640, the provisioning file still 600. */
    @Test
    void groupReadable() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));

        assertThat(runOn(inventory, "--group-readable")).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd()))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(acl()))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials())))
                .isEqualTo("rw-------");
    }

    /** Verifies --commune-broker: the gateway with the service's rights there and only the devices behind it. */
    @Test
    void communeBrokerBehindAGateway() throws Exception {
        Path inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));

        assertThat(runOn(inventory, "--commune-broker", "gw-a", "--publisher-account", "simulator")).isZero();

        assertThat(PasswordFile.read(passwd()).keySet()).containsExactly("gw-a", "simulator", "ls-a1", "wifi-a1");
        assertThat(Files.readString(acl())).contains("""
                user gw-a
                topic write cmd/#
                topic read tele/#
                """, """
                user ls-a1
                topic write tele/ls-a1/#
                topic read cmd/ls-a1/#
                topic read cmd/commune/xa-a/#
                """);
        assertThat(runOn(inventory, "--commune-broker", "ls-a1")).isEqualTo(BrokerAccountsCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'ls-a1' is not a gateway of the inventory");
    }
}

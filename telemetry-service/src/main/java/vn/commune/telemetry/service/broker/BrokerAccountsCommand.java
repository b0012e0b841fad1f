package vn.commune.telemetry.service.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;

/**
 * {@code java -jar telemetry-service.jar broker-accounts …}: writes Mosquitto's password file and ACL file from the
 * inventory ({@link AccountPlan}), keeping every account that is still wanted byte for byte, and puts the passwords of
 * new accounts in a provisioning file of mode 600 ({@link CredentialsFile}). Passwords never go to standard output.
 */
public final class BrokerAccountsCommand {

    /** Exit code of a bad option, inventory or file. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when a file cannot be written. */
    public static final int EXIT_IO = 1;
    /** The service's username unless {@code --service-account} says otherwise. */
    public static final String DEFAULT_SERVICE_ACCOUNT = "telemetry-service";
    static final String USAGE = """
            usage: telemetry-service broker-accounts --dir DIR [options]
            Writes Mosquitto's password file and ACL file for every device and gateway of the inventory and for the
            service, and the passwords of new accounts to a provisioning file (mode 600). Run it again after every
            inventory change, then reload the broker (kill -HUP): new devices get accounts, removed ones lose theirs,
            every other account stays as it was. Details: docs/broker.md.
            options:
              --inventory FILE          the inventory (INVENTORY; default config/inventory.yaml)
              --dir DIR                 where the files go: DIR/passwd, DIR/acl, DIR/credentials
              --password-file FILE      Mosquitto's password_file (default DIR/passwd)
              --acl-file FILE           Mosquitto's acl_file (default DIR/acl)
              --credentials-file FILE   passwords of new accounts, username:password, mode 600 (default
                                        DIR/credentials); hand them out, then delete their lines
              --service-account NAME    the service's username (default telemetry-service): reads tele/#, writes cmd/#
              --publisher-account NAME  an account that publishes for every device (tele/#) and reads every command
                                        (cmd/#), and the simulator's own simulator/#: for the simulator and
                                        benchmarks only, never in production; repeatable
              --rotate NAME[,NAME...]   give these accounts new passwords (to the provisioning file)
              --commune-broker GATEWAY  write the accounts of the commune's local broker behind this gateway instead:
                                        the gateway (reads tele/#, writes cmd/#) and the devices behind it
              --group-readable          password and ACL files mode 640 instead of 600 (a broker in the same group)
              --help                    this text
            exit status: 0 done, 1 a file could not be read or written, 2 bad option, inventory or file""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final MosquittoHash hasher;

    public BrokerAccountsCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, new MosquittoHash(new SecureRandom()));
    }

    BrokerAccountsCommand(Map<String, String> env, PrintStream out, PrintStream err, MosquittoHash hasher) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.hasher = hasher;
    }

    /** Runs {@code args} (after {@code broker-accounts}); returns the exit code. */
    public int run(String[] args) {
        try {
            return execute(args);
        } catch (UsageException | IllegalArgumentException | BrokerFileException e) {
            err.println("broker-accounts: " + e.getMessage());
            return EXIT_USAGE;
        } catch (InventoryException e) {
            err.println("broker-accounts: inventory: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("broker-accounts: " + e.getMessage());
            return EXIT_IO;
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private record Options(Path inventory, Path passwordFile, Path aclFile, Path credentialsFile,
            String serviceAccount, List<String> publishers, Set<String> rotate, boolean groupReadable,
            String communeGateway) {
    }

    private int execute(String[] args) throws UsageException, InventoryException, BrokerFileException, IOException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Options options = parse(args);
        Inventory inventory = InventoryReader.read(options.inventory());
        List<BrokerAccount> plan = options.communeGateway() == null
                ? AccountPlan.of(inventory, options.serviceAccount(), options.publishers())
                : AccountPlan.behind(inventory, options.communeGateway(), options.publishers());
        Path lockFile = options.passwordFile().toAbsolutePath().getParent().resolve(".broker-accounts.lock");
        Files.createDirectories(lockFile.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException(lockFile + ": another broker-accounts run holds the lock");
            }
            return write(options, plan);
        }
    }

    private int write(Options options, List<BrokerAccount> plan) throws BrokerFileException, IOException {
        Map<String, String> existing = PasswordFile.read(options.passwordFile());
        Map<String, String> credentials = CredentialsFile.read(options.credentialsFile());
        AccountSync.Result result = AccountSync.sync(plan, existing, credentials, options.rotate(), hasher);
        Set<PosixFilePermission> brokerMode = options.groupReadable() ? AtomicFiles.GROUP_READ
                : AtomicFiles.OWNER_ONLY;
        // the passwords first: a run stopped between the files finds them there and hashes the same ones again
        if (!result.credentials().equals(credentials) || result.newPasswords() > 0) {
            AtomicFiles.write(options.credentialsFile(), CredentialsFile.render(result.credentials()),
                    AtomicFiles.OWNER_ONLY);
        } else if (Files.exists(options.credentialsFile())
                && !Files.getPosixFilePermissions(options.credentialsFile()).equals(AtomicFiles.OWNER_ONLY)) {
            Files.setPosixFilePermissions(options.credentialsFile(), AtomicFiles.OWNER_ONLY);
            err.println("broker-accounts: " + options.credentialsFile() + " was readable by others: now mode 600");
        }
        String passwords = PasswordFile.render(result.passwordLines());
        writeIfChanged(options.passwordFile(), passwords, brokerMode);
        writeIfChanged(options.aclFile(), AclFile.render(plan), brokerMode);
        report(plan, result, options);
        return 0;
    }

    private static void writeIfChanged(Path file, String text, Set<PosixFilePermission> mode) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            if (!Files.getPosixFilePermissions(file).equals(mode)) {
                Files.setPosixFilePermissions(file, mode);
            }
            return;
        }
        AtomicFiles.write(file, text, mode);
    }

    private void report(List<BrokerAccount> plan, AccountSync.Result result, Options options) {
        Map<BrokerAccount.Role, Integer> counts = new EnumMap<>(BrokerAccount.Role.class);
        for (BrokerAccount account : plan) {
            counts.merge(account.role(), 1, Integer::sum);
        }
        String title = options.communeGateway() == null ? "broker accounts: "
                : "commune broker accounts behind " + options.communeGateway() + ": ";
        out.println(title + plan.size() + " (" + counts.getOrDefault(BrokerAccount.Role.SERVICE, 0) + " service, "
                + counts.getOrDefault(BrokerAccount.Role.PUBLISHER, 0) + " publisher, "
                + counts.getOrDefault(BrokerAccount.Role.GATEWAY, 0) + " gateway, "
                + counts.getOrDefault(BrokerAccount.Role.DEVICE, 0) + " device) in " + options.passwordFile()
                + " and " + options.aclFile());
        out.println("  added " + names(result.added()) + ", removed " + names(result.removed()) + ", rotated "
                + names(result.rotated()) + ", unchanged " + result.unchanged());
        if (result.newPasswords() > 0) {
            out.println("  " + result.newPasswords() + " new password(s) in " + options.credentialsFile()
                    + " (mode 600): hand them out, then delete their lines");
        }
        if (!result.credentials().isEmpty()) {
            out.println("  " + result.credentials().size() + " password(s) waiting in " + options.credentialsFile());
        }
        if (!result.dropped().isEmpty()) {
            out.println("  dropped from " + options.credentialsFile() + ", their accounts are gone: "
                    + names(result.dropped()));
        }
        if (!result.added().isEmpty() || !result.removed().isEmpty() || !result.rotated().isEmpty()) {
            out.println("  reload the broker to apply: kill -HUP <mosquitto pid>");
        }
    }

    private static String names(List<String> names) {
        if (names.isEmpty()) {
            return "0";
        }
        int shown = Math.min(10, names.size());
        return names.size() + " (" + String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? ", …" : "") + ")";
    }

    private Options parse(String[] args) throws UsageException {
        Path inventory = Path.of(env.getOrDefault("INVENTORY", "config/inventory.yaml"));
        Path dir = null;
        Path passwordFile = null;
        Path aclFile = null;
        Path credentialsFile = null;
        String service = DEFAULT_SERVICE_ACCOUNT;
        List<String> publishers = new ArrayList<>();
        Set<String> rotate = new LinkedHashSet<>();
        boolean groupReadable = false;
        String communeGateway = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--group-readable")) {
                groupReadable = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException(arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--inventory" -> inventory = Path.of(value);
                case "--dir" -> dir = Path.of(value);
                case "--password-file" -> passwordFile = Path.of(value);
                case "--acl-file" -> aclFile = Path.of(value);
                case "--credentials-file" -> credentialsFile = Path.of(value);
                case "--service-account" -> service = value;
                case "--publisher-account" -> publishers.add(value);
                case "--commune-broker" -> communeGateway = value;
                case "--rotate" -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(rotate::add);
                default -> throw new UsageException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (dir == null && (passwordFile == null || aclFile == null || credentialsFile == null)) {
            throw new UsageException("give --dir DIR (or all of --password-file, --acl-file and --credentials-file)\n"
                    + USAGE);
        }
        passwordFile = passwordFile != null ? passwordFile : dir.resolve("passwd");
        aclFile = aclFile != null ? aclFile : dir.resolve("acl");
        credentialsFile = credentialsFile != null ? credentialsFile : dir.resolve("credentials");
        if (passwordFile.toAbsolutePath().equals(credentialsFile.toAbsolutePath())
                || passwordFile.toAbsolutePath().equals(aclFile.toAbsolutePath())
                || aclFile.toAbsolutePath().equals(credentialsFile.toAbsolutePath())) {
            throw new UsageException("the password, ACL and credentials files must be three different files");
        }
        return new Options(inventory, passwordFile, aclFile, credentialsFile, service, List.copyOf(publishers),
                rotate, groupReadable, communeGateway);
    }
}

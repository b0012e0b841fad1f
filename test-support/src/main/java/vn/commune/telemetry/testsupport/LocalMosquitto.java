package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's {@code mosquitto} started on a free loopback port, with persistence in a temporary directory. */
public final class LocalMosquitto extends LocalProcessServer implements MqttBroker {

    /** Where Debian installs the broker. */
    public static final String BINARY = "/usr/sbin/mosquitto";

    private final BrokerSecurity security;
    private final int tlsPort;

    private LocalMosquitto(Path dir, int port, BrokerSecurity security) {
        super("mosquitto", dir, port);
        this.security = security;
        this.tlsPort = security != null && security.tls() != null ? FreePorts.next() : -1;
    }

    /** Whether the binary is installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY)) || PathLookup.find("mosquitto") != null;
    }

    /** Starts a new broker with its own port and data directory. */
    public static LocalMosquitto start(Path parentDir) {
        return start(parentDir, MqttBroker.MAX_QUEUED, 1);
    }

    /**
     * Starts a new broker that queues at most {@code maxQueued} messages per session (0: no limit) and saves its
     * in-memory database every {@code autosaveSeconds} (a backlog of millions saved every second would stall it).
     */
    public static LocalMosquitto start(Path parentDir, long maxQueued, int autosaveSeconds) {
        try {
            Path dir = Files.createTempDirectory(parentDir, "mosquitto-");
            LocalMosquitto broker = new LocalMosquitto(dir, FreePorts.next(), null);
            broker.writeConfig(maxQueued, autosaveSeconds);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a new broker with the project's settings plus {@code security}: password and ACL files (anonymous
     * access off) and a TLS listener on a second free port ({@link #tlsPort()}). The files are read where they are;
     * send the broker SIGHUP ({@link #reload()}) after changing them.
     */
    public static LocalMosquitto start(Path parentDir, BrokerSecurity security) {
        try {
            Path dir = Files.createTempDirectory(parentDir, "mosquitto-");
            LocalMosquitto broker = new LocalMosquitto(dir, FreePorts.next(), security);
            broker.writeConfig(MqttBroker.MAX_QUEUED, 1);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public void reload() {
        signal("HUP");
    }

    private void writeConfig(long maxQueued, int autosaveSeconds) throws IOException {
        // The same broker settings the project ships in config/mosquitto.conf, on a test port.
        String conf = String.join("\n",
                "listener " + port + " " + HOST,
                "allow_anonymous " + (security == null || security.passwordFile() == null),
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval " + autosaveSeconds,
                "max_inflight_messages 0",
                "max_queued_messages " + maxQueued,
                "max_queued_bytes 0",
                "persistent_client_expiration 1d",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                // started as root, mosquitto would switch to the 'mosquitto' user, who cannot write to our folder
                "root".equals(System.getProperty("user.name")) ? "user root" : "",
                security == null ? "" : security.configLines(HOST, tlsPort,
                        path(security.passwordFile()), path(security.aclFile()),
                        security.tls() == null ? null : path(security.tls().caFile()),
                        security.tls() == null ? null : path(security.tls().certFile()),
                        security.tls() == null ? null : path(security.tls().keyFile())),
                "");
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
    }

    private static String path(Path file) {
        return file == null ? null : file.toAbsolutePath().toString();
    }

    @Override
    protected List<String> command() {
        String binary = Files.isExecutable(Path.of(BINARY)) ? BINARY : PathLookup.find("mosquitto");
        return List.of(binary, "-c", dir.resolve("mosquitto.conf").toString());
    }
}

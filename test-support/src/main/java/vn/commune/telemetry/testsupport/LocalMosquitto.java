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

    private LocalMosquitto(Path dir, int port) {
        super("mosquitto", dir, port);
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
            LocalMosquitto broker = new LocalMosquitto(dir, FreePorts.next());
            broker.writeConfig(maxQueued, autosaveSeconds);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeConfig(long maxQueued, int autosaveSeconds) throws IOException {
        // The same broker settings the project ships in config/mosquitto.conf, on a test port.
        String conf = String.join("\n",
                "listener " + port + " " + HOST,
                "allow_anonymous true",
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
                "");
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
    }

    @Override
    protected List<String> command() {
        String binary = Files.isExecutable(Path.of(BINARY)) ? BINARY : PathLookup.find("mosquitto");
        return List.of(binary, "-c", dir.resolve("mosquitto.conf").toString());
    }
}

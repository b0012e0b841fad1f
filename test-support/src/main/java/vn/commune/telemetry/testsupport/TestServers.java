package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Starts the real servers tests need: through Testcontainers where a Docker engine answers, otherwise the locally
 * installed {@code mosquitto} and {@code influxd} on free loopback ports. {@code CT_TEST_SERVERS=local|docker|auto}
 * (default auto) forces one way. Never skips: when neither way works the error names the packages to install.
 */
public final class TestServers {

    /** Packages that provide the local servers on Debian and Ubuntu. */
    public static final String INSTALL_HINT = "apt-get install -y mosquitto influxdb";

    private TestServers() {
    }

    /** A new broker that belongs to the caller, who closes it. */
    public static MqttBroker newBroker() {
        if (useDocker()) {
            return new ContainerMosquitto(MqttBroker.MAX_QUEUED);
        }
        if (!LocalMosquitto.available()) {
            throw missing("mosquitto");
        }
        return LocalMosquitto.start(tempRoot());
    }

    /**
     * A new broker for backlogs larger than the project's broker settings allow (benchmarks): no limit on the
     * messages queued per session, and its database saved every 10 minutes instead of every second.
     */
    public static MqttBroker newBacklogBroker() {
        if (useDocker()) {
            return new ContainerMosquitto(0);
        }
        if (!LocalMosquitto.available()) {
            throw missing("mosquitto");
        }
        return LocalMosquitto.start(tempRoot(), 0, 600);
    }

    /**
     * A new broker with password and ACL files and/or a TLS listener ({@link BrokerSecurity}). Always the local
     * binary: the files are read where they lie and changed by the test while the broker runs.
     */
    public static MqttBroker newSecuredBroker(BrokerSecurity security) {
        if (!LocalMosquitto.available()) {
            throw missing("mosquitto");
        }
        return LocalMosquitto.start(tempRoot(), security);
    }

    /** A new InfluxDB that belongs to the caller, who closes it. */
    public static InfluxDb newInfluxDb() {
        if (useDocker()) {
            return new ContainerInfluxDb();
        }
        if (!LocalInfluxd.available()) {
            throw missing("influxd");
        }
        return LocalInfluxd.start(tempRoot());
    }

    private static IllegalStateException missing(String binary) {
        return new IllegalStateException("Tests need a real " + binary + ": no Docker engine answers and no local "
                + binary + " is installed. Install the servers with: " + INSTALL_HINT
                + " (or start a Docker engine for Testcontainers).");
    }

    private static boolean useDocker() {
        String mode = System.getenv().getOrDefault("CT_TEST_SERVERS", "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> false;
            case "docker" -> true;
            default -> Docker.AVAILABLE;
        };
    }

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("ct-test-servers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asked once per JVM: is there a Docker engine? */
    private static final class Docker {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
            if (!socket) {
                return false;
            }
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}

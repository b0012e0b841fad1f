package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's {@code influxd} (InfluxDB 1.x) started on free loopback ports, with its data in a temporary directory. */
public final class LocalInfluxd extends LocalProcessServer implements InfluxDb {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int rpcPort;

    private LocalInfluxd(Path dir, int port, int rpcPort) {
        super("influxd", dir, port);
        this.rpcPort = rpcPort;
    }

    /** Whether the binary is installed. */
    public static boolean available() {
        return PathLookup.find("influxd") != null;
    }

    /** Starts a new server with its own ports and data directory. */
    public static LocalInfluxd start(Path parentDir) {
        try {
            Path dir = Files.createTempDirectory(parentDir, "influxd-");
            LocalInfluxd server = new LocalInfluxd(dir, FreePorts.next(), FreePorts.next());
            server.writeConfig();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeConfig() throws IOException {
        String conf = String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"" + HOST + ":" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "  wal-fsync-delay = \"0s\"",
                "  max-values-per-tag = 0",
                "[http]",
                "  bind-address = \"" + HOST + ":" + port + "\"",
                "  log-enabled = false",
                "  max-body-size = 0",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  log-enabled = false",
                "[logging]",
                "  level = \"warn\"",
                "");
        Files.writeString(dir.resolve("influxdb.conf"), conf);
    }

    @Override
    protected List<String> command() {
        return List.of(PathLookup.find("influxd"), "-config", dir.resolve("influxdb.conf").toString());
    }

    @Override
    protected boolean answers() {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

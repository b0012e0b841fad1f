package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** InfluxDB 1.8 in a container: the same v1 HTTP API as Debian's influxd. */
final class ContainerInfluxDb extends ContainerServer implements InfluxDb {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ContainerInfluxDb() {
        super("influxdb:1.8", 8086);
        container.withEnv("INFLUXDB_REPORTING_DISABLED", "true")
                .withEnv("INFLUXDB_HTTP_LOG_ENABLED", "false")
                .withEnv("INFLUXDB_HTTP_MAX_BODY_SIZE", "0");
        create();
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

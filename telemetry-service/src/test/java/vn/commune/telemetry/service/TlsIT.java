package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UsersFile;
import vn.commune.telemetry.service.ingest.PahoMqttConnection;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.PilotCerts;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * TLS end to end: Mosquitto with a TLS listener, the service over {@code ssl://} and serving HTTPS, devices
 * publishing over TLS, all with certificates from {@code config/tls/pilot-certs.sh}; and clients that do not trust
 * the pilot CA refused.
 */
@ExtendWith(TestServersExtension.class)
class TlsIT {

    private static final String PASSWORD = "mat-khau-thu-nghiem";

    @TempDir
    static Path certDir;

    private static PilotCerts pilot;
    private static PilotCerts stranger;
    private static MqttBroker broker;

    @BeforeAll
    static void brokerWithTls() {
        pilot = PilotCerts.make(certDir.resolve("pilot"), "127.0.0.1", "localhost");
        stranger = PilotCerts.make(certDir.resolve("stranger"), "127.0.0.1", "localhost");
        broker = TestServers.newSecuredBroker(pilot.brokerTls());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Verifies that the service ingests over ssl:// what a device publishes over TLS, reading through the buffered
     * TLS sockets, and answers HTTPS with HSTS on every answer and a Secure session cookie.
     */
    @Test
    void ingestsOverTlsAndServesHttps(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path users = tmp.resolve("users.yaml");
        UsersFile.write(users, List.of(new User("admin", "Quản trị", Role.ADMIN, List.of(), false,
                new Passwords().hash(PASSWORD))));
        HttpClient https = HttpClient.newBuilder().sslContext(pilot.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp)
                .env("MQTT_URL", broker.tlsUrl()).env("MQTT_TLS_CA", pilot.ca().toString())
                .env("HTTP_TLS_CERT", pilot.cert().toString()).env("HTTP_TLS_KEY", pilot.key().toString())
                .env("USERS_FILE", users.toString()).start()) {
            String base = service.base().replace("http://", "https://");
            // Given the service connected to the broker over TLS
            await().atMost(Duration.ofSeconds(60)).until(() -> get(https, base + "/ready").statusCode() == 200);

            // When a device publishes over TLS, trusting the pilot CA
            List<String> devices = Payloads.loudspeakers(ServiceHarness.sampleInventory()).subList(0, 5);
            int perDevice = 20;
            long first = System.currentTimeMillis() - 600_000;
            MqttAsyncClient device = tlsClient(pilot.clientContext(), "tls-device-" + service.database);
            try {
                for (int i = 0; i < perDevice; i++) {
                    for (int d = 0; d < devices.size(); d++) {
                        device.publish("tele/" + devices.get(d) + "/status",
                                Payloads.loudspeaker(first + i * 1_000L, i * devices.size() + d)
                                        .getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
                    }
                }
            } finally {
                device.disconnect().waitForCompletion(5_000);
                device.close();
            }

            // Then the service stores every message, read through its buffered TLS sockets
            int total = perDevice * devices.size();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(influx.count(service.database, "SELECT count(uptime_s) FROM status")).isEqualTo(total));
            assertThat(metric(get(https, base + "/metrics").body(), "ct_mqtt_network_reads_total"))
                    .as("Paho's ssl:// module took the buffered TLS socket factory").isPositive();

            // And HTTPS answers carry HSTS, errors and static files included
            for (String path : List.of("/ready", "/", "/api/v1/places", "/no-such-page")) {
                HttpResponse<String> answer = get(https, base + path);
                assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(path)
                        .hasValue("max-age=31536000");
            }
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                            .put("password", PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("ct_session=")
                    .contains("Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");

            // And clients that do not trust the pilot CA are refused: MQTT and HTTPS with the JVM's trust store
            assertThatThrownBy(() -> tlsClient(null, "no-ca-" + service.database))
                    .isInstanceOf(MqttException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
            HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> get(defaultTrust, base + "/health")).isInstanceOf(SSLHandshakeException.class);
            // nor does a plain client get an answer from the TLS listener
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), service.base() + "/health"))
                    .isInstanceOf(IOException.class);
        }
    }

    /**
     * Verifies that the service trusting another CA does not connect, says why (in the log and on /ready), and keeps
     * running, retrying.
     */
    @Test
    void wrongCaIsRefusedWithAClearReason(InfluxDb influx, @TempDir Path tmp) {
        Logger log = (Logger) LoggerFactory.getLogger(PahoMqttConnection.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp)
                .env("MQTT_URL", broker.tlsUrl()).env("MQTT_TLS_CA", stranger.ca().toString()).start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.list)
                    .anySatisfy(event -> {
                        assertThat(event.getLevel()).isEqualTo(Level.WARN);
                        assertThat(event.getFormattedMessage()).contains("TLS handshake failed")
                                .contains("trust anchors").contains(stranger.ca().toString());
                    }));
            HttpResponse<String> ready = service.get("/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("TLS handshake failed");
            assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
            // it keeps trying: a second attempt is logged
            await().atMost(Duration.ofSeconds(30)).until(() -> logged.list.stream()
                    .filter(e -> e.getFormattedMessage().contains("TLS handshake failed")).count() >= 2);
        } finally {
            log.detachAppender(logged);
        }
    }

    /** A device's MQTT client over TLS, connected; {@code context} null for the JVM's default trust store. */
    private static MqttAsyncClient tlsClient(SSLContext context, String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.tlsUrl(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        if (context != null) {
            options.setSocketFactory(context.getSocketFactory());
        }
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String prometheus, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(prometheus);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }
}

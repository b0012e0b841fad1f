package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.ingest.MqttSettings;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The fixed memory ceiling: the service in its own JVM with a small heap ({@value #HEAP}), InfluxDB slow (every
 * write answered only after {@value #SLOW_WRITE_MILLIS} ms, through a proxy in this test) while a burst of
 * {@value #BURST} messages arrives. The service holds at most {@code mqtt.max-in-flight} messages and stops reading
 * from the broker, which keeps the rest; nothing is lost or doubled, and once InfluxDB answers at once again the
 * backlog drains.
 */
@ExtendWith(TestServersExtension.class)
class MemoryCeilingIT {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryCeilingIT.class);
    private static final String HEAP = "-Xmx128m";
    private static final int BURST = 200_000;
    /** The default bound: the service runs on its defaults and the environment, with no configuration file. */
    private static final int MAX_IN_FLIGHT = MqttSettings.DEFAULT_MAX_IN_FLIGHT;
    private static final long SLOW_WRITE_MILLIS = 3_000;
    private static final String TOKEN = "memory-ceiling-token-0123456789";
    /** HTTP/1.1: the JDK client's upgrade to HTTP/2 once hung a scrape past its time-out here. */
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** Verifies that a burst with InfluxDB slow stays within the bound, with nothing lost or doubled. */
    @Test
    void slowInfluxUnderBurst(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        Vertx vertx = Vertx.vertx();
        SlowProxy proxy = new SlowProxy(vertx, URI.create(influx.url()));
        String database = influx.uniqueDatabaseName("ceiling");
        int port = FreePorts.next();
        Process service = null;
        try {
            proxy.start();
            service = start(tmp, broker, proxy.url(), database, port);
            awaitReady(port);
            List<String> devices = Payloads.loudspeakers(ServiceHarness.sampleInventory());
            long base = System.currentTimeMillis() - 3 * 3_600_000L;

            // Given InfluxDB answering every write only after 3 s
            proxy.slow(true);
            // When a burst of 200,000 messages arrives
            try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), "burst-" + database)) {
                for (int i = 0; i < BURST; i++) {
                    String device = devices.get(i % devices.size());
                    publisher.publish("tele/" + device + "/status",
                            Payloads.loudspeaker(base + (long) (i / devices.size()) * 50L, i));
                }
                publisher.flush();
            }
            // Then the service stops reading at its bound, holding no more than it
            Process slowed = service;
            double[] maxHeld = {0};
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                maxHeld[0] = Math.max(maxHeld[0], metric(port, "ct_mqtt_held"));
                assertThat(slowed.isAlive()).as("the service is alive under the burst").isTrue();
                return metric(port, "ct_mqtt_read_pauses_total") >= 1
                        && metric(port, "ct_storage_points_written_total") >= 4 * MAX_IN_FLIGHT / 2.0;
            });
            assertThat(maxHeld[0]).isLessThanOrEqualTo(MAX_IN_FLIGHT);
            double pausesWhileSlow = metric(port, "ct_mqtt_read_pauses_total");
            LOG.info("slow InfluxDB: {} points written, {} read pauses, at most {} messages held",
                    metric(port, "ct_storage_points_written_total"), pausesWhileSlow, maxHeld[0]);

            // When InfluxDB answers at once again
            proxy.slow(false);
            long fast = System.nanoTime();
            // Then every message is stored once, and the service received each once (no redelivery)
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(slowed.isAlive()).isTrue();
                assertThat(influx.count(database, "SELECT count(uptime_s) FROM status")).isEqualTo(BURST);
            });
            LOG.info("backlog drained {} s after InfluxDB recovered", (System.nanoTime() - fast) / 1_000_000_000L);
            assertThat(influx.count(database, "SELECT sum(uptime_s) FROM status"))
                    .as("each message's own point").isEqualTo((long) BURST * (BURST - 1) / 2);
            assertThat(metric(port, "ct_ingest_messages_received_total")).isEqualTo(BURST);
            assertThat(metric(port, "ct_ingest_messages_accepted_total")).isEqualTo(BURST);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metric(port, "ct_mqtt_held"))
                    .isZero());
            assertThat(metric(port, "ct_storage_dead_letters_total")).isZero();
            assertThat(service.isAlive()).isTrue();
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
                String log = Files.readString(tmp.resolve("service.log"));
                assertThat(log).doesNotContain("OutOfMemoryError");
            }
            proxy.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path tmp, MqttBroker broker, String influxUrl, String database, int port)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().put("MQTT_URL", broker.url());
        builder.environment().put("MQTT_CLIENT_ID", "svc-" + database);
        builder.environment().put("MQTT_SHARED_GROUP", "g" + Math.abs(database.hashCode()));
        builder.environment().put("INFLUX_URL", influxUrl);
        builder.environment().put("INFLUX_DB", database);
        builder.environment().put("HTTP_HOST", "127.0.0.1");
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("DATA_DIR", tmp.resolve("data").toString());
        builder.environment().put("INVENTORY", ServiceHarness.SAMPLE_INVENTORY.toAbsolutePath().toString());
        builder.environment().put("API_TOKEN", TOKEN);
        return builder.redirectErrorStream(true).redirectOutput(tmp.resolve("service.log").toFile()).start();
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(port, "/ready").statusCode() == 200);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a metric's series in the service's scrape (0 when it has none). */
    private static double metric(int port, String name) throws Exception {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}\\n]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(get(port, "/metrics").body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** An HTTP proxy to InfluxDB on 127.0.0.1 that, while slow, answers each write only after a delay. */
    private static final class SlowProxy implements AutoCloseable {

        private final Vertx vertx;
        private final URI target;
        private final HttpClient client;
        private final AtomicLong delay = new AtomicLong();
        private HttpServer server;

        SlowProxy(Vertx vertx, URI target) {
            this.vertx = vertx;
            this.target = target;
            this.client = vertx.createHttpClient();
        }

        void start() throws Exception {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(target.getHost())
                        .setPort(target.getPort()).setURI(request.uri());
                request.headers().forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                        options.addHeader(k, v);
                    }
                });
                long wait = request.path().startsWith("/write") ? delay.get() : 0;
                vertx.setTimer(Math.max(1, wait), id -> client.request(options)
                        .compose(forward -> forward.send(body))
                        .compose(answer -> answer.body().map(bytes -> new Answer(answer, bytes)))
                        .onSuccess(answer -> {
                            request.response().setStatusCode(answer.response.statusCode());
                            answer.response.headers().forEach((k, v) -> {
                                if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")) {
                                    request.response().putHeader(k, v);
                                }
                            });
                            request.response().end(answer.body);
                        })
                        .onFailure(e -> request.response().setStatusCode(502).end(e.toString())));
            })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        }

        private record Answer(HttpClientResponse response, Buffer body) {
        }

        void slow(boolean slow) {
            delay.set(slow ? SLOW_WRITE_MILLIS : 0);
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort();
        }

        @Override
        public void close() {
            if (server != null) {
                try {
                    server.close().await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the proxy did not close", e);
                }
            }
        }
    }
}

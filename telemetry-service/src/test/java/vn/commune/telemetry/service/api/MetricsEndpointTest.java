package vn.commune.telemetry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}, whole and limited by {@code name[]}, over real HTTP. */
class MetricsEndpointTest {

    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        Counter.builder("ct.storage.points.written").register(registry).increment(42);
        Counter.builder("ct.ingest.messages.received").register(registry).increment(7);
        registry.gauge("ct.storage.spool.depth", 3);
        Router router = Router.router(vertx);
        router.get("/metrics").handler(new MetricsEndpoint(registry));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.actualPort() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Verifies that without a name every meter is there, in the text format. */
    @Test
    void wholeRegistry() throws Exception {
        HttpResponse<String> answer = get("/metrics");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(answer.body()).contains("ct_storage_points_written_total 42.0")
                .contains("ct_ingest_messages_received_total 7.0").contains("ct_storage_spool_depth 3.0");
    }

    /** Verifies that name[] (repeatable, URL-encoded or not) limits the answer to the metrics named. */
    @Test
    void limitedByName() throws Exception {
        String one = get("/metrics?name%5B%5D=ct_storage_points_written_total").body();
        assertThat(one).contains("ct_storage_points_written_total 42.0")
                .doesNotContain("ct_ingest_messages_received").doesNotContain("ct_storage_spool_depth");

        String two = get("/metrics?name[]=ct_storage_points_written_total&name[]=ct_storage_spool_depth").body();
        assertThat(two).contains("ct_storage_points_written_total 42.0").contains("ct_storage_spool_depth 3.0")
                .doesNotContain("ct_ingest_messages_received");

        assertThat(get("/metrics?name[]=no_such_metric").body()).doesNotContain("ct_");
    }
}

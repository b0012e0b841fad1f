package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.commune.telemetry.service.storage.StorageFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** The v1 HTTP client: classing write answers, authentication, InfluxQL and creating the database. */
@ExtendWith({VertxExtension.class, TestServersExtension.class})
class InfluxHttpClientTest {

    @TempDir
    Path dir;

    private Vertx vertx;
    private FakeInflux fake;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.fake = FakeInflux.start(vertx);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private InfluxHttpClient client(StorageFixtures.Builder builder) {
        return new InfluxHttpClient(vertx, builder.build());
    }

    private WriteOutcome writeAnswered(InfluxHttpClient client, FakeInflux.Answer answer) {
        fake.answerWrites(answer);
        return await(client.write(Buffer.buffer("m f=1 1")));
    }

    /** Verifies the classes of write answers: OK, SPLIT, BAD_DATA with InfluxDB's text, RETRY with Retry-After. */
    @Test
    void classesWriteAnswers() {
        InfluxHttpClient client = client(StorageFixtures.config(fake.url(), "db", dir));
        assertThat(writeAnswered(client, FakeInflux.Answer.of(204)).kind()).isEqualTo(WriteOutcome.Kind.OK);
        assertThat(writeAnswered(client, FakeInflux.Answer.of(200)).kind()).isEqualTo(WriteOutcome.Kind.OK);
        assertThat(writeAnswered(client, FakeInflux.Answer.error(413, "Request Entity Too Large")).kind())
                .isEqualTo(WriteOutcome.Kind.SPLIT);
        WriteOutcome bad = writeAnswered(client, FakeInflux.Answer.error(400, "partial write: field type conflict"));
        assertThat(bad.kind()).isEqualTo(WriteOutcome.Kind.BAD_DATA);
        assertThat(bad.detail()).isEqualTo("partial write: field type conflict");
        assertThat(writeAnswered(client, new FakeInflux.Answer(422, "{\"code\":\"unprocessable entity\","
                + "\"message\":\"failure writing points\"}", Map.of())).detail()).isEqualTo("failure writing points");
        WriteOutcome throttled = writeAnswered(client, new FakeInflux.Answer(429, "", Map.of("Retry-After", "7")));
        assertThat(throttled.kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        WriteOutcome unavailable = writeAnswered(client, new FakeInflux.Answer(503, "busy", Map.of("Retry-After",
                "2")));
        assertThat(unavailable.kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(unavailable.detail()).isEqualTo("busy");
        WriteOutcome missing = writeAnswered(client, FakeInflux.Answer.error(404, "database not found: \"db\""));
        assertThat(missing.kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(missing.retryReason()).isEqualTo("config");
        assertThat(writeAnswered(client, FakeInflux.Answer.of(401)).kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(writeAnswered(client, FakeInflux.Answer.of(500)).kind()).isEqualTo(WriteOutcome.Kind.RETRY);

        FakeInflux.Request request = fake.writes().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.params().get("db")).isEqualTo("db");
        assertThat(request.params().get("rp")).isEqualTo("ct_400d");
        assertThat(request.params().get("precision")).isEqualTo("ms");
        await(client.close());
    }

    /** Verifies that no answer (connection refused, timeout) is RETRY with status 0 and no secret in the detail. */
    @Test
    void noAnswerIsRetry() {
        InfluxHttpClient refused = client(StorageFixtures.config("http://127.0.0.1:" + FreePorts.next(), "db", dir)
                .user("admin", "hunter2"));
        WriteOutcome outcome = await(refused.write(Buffer.buffer("m f=1 1")));
        assertThat(outcome.kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.retryReason()).isEqualTo("unavailable");

        InfluxHttpClient slow = client(StorageFixtures.config(fake.url(), "db", dir).user("admin", "hunter2")
                .requestTimeout(Duration.ofMillis(200)));
        fake.respond(request -> Promise.<FakeInflux.Answer>promise().future());
        WriteOutcome timedOut = await(slow.write(Buffer.buffer("m f=1 1")));
        assertThat(timedOut.kind()).isEqualTo(WriteOutcome.Kind.RETRY);
        assertThat(timedOut.status()).isZero();
        assertThat(timedOut.detail()).doesNotContain("hunter2");
        assertThatThrownBy(() -> await(slow.ping())).hasMessageNotContaining("hunter2");
    }

    /** Verifies token authentication as a header, user and password as u/p, and never both. */
    @Test
    void authenticates() {
        InfluxHttpClient withToken = client(StorageFixtures.config(fake.url(), "db", dir).token("tok-123")
                .user("admin", "hunter2"));
        await(withToken.write(Buffer.buffer("m f=1 1")));
        FakeInflux.Request tokenWrite = fake.writes().get(0);
        assertThat(tokenWrite.headers().get("Authorization")).isEqualTo("Token tok-123");
        assertThat(tokenWrite.params().contains("p")).isFalse();

        InfluxHttpClient withPassword = client(StorageFixtures.config(fake.url(), "db", dir).user("admin",
                "hunter2"));
        await(withPassword.query("SHOW MEASUREMENTS"));
        FakeInflux.Request query = fake.requests().get(fake.requests().size() - 1);
        assertThat(query.params().get("u")).isEqualTo("admin");
        assertThat(query.params().get("p")).isEqualTo("hunter2");
        assertThat(query.params().get("epoch")).isEqualTo("ms");
        assertThat(query.headers().contains("Authorization")).isFalse();
    }

    /** Verifies queries against a real InfluxDB, and that an InfluxQL error fails with InfluxDB's words. */
    @Test
    void queriesRealInflux(InfluxDb influx) {
        String db = influx.uniqueDatabaseName("client");
        InfluxHttpClient client = client(StorageFixtures.config(influx.url(), db, dir));
        await(client.ping());
        await(client.ensureDatabase());
        assertThat(await(client.write(Buffer.buffer(String.join("\n", StorageFixtures.lines("m", 0, 3))))).kind())
                .isEqualTo(WriteOutcome.Kind.OK);
        JsonObject answer = await(client.query("SELECT count(f) FROM m"));
        assertThat(answer.getJsonArray("results").getJsonObject(0).getJsonArray("series").getJsonObject(0)
                .getJsonArray("values").getJsonArray(0).getLong(1)).isEqualTo(3L);
        assertThatThrownBy(() -> await(client.query("SELEKT nonsense"))).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(InfluxQueryException.class).hasMessageContaining("SELEKT");
    }

    /**
     * Verifies that a body in several chunks is one request with its Content-Length (not chunked transfer encoding),
     * whole and in order, at the fake and at a real InfluxDB.
     */
    @Test
    void writesBodyInChunks(InfluxDb influx) {
        List<String> lines = StorageFixtures.lines("m", 0, 20_000);
        List<Buffer> chunks = BatchDelivery.body(lines);
        assertThat(chunks).hasSizeGreaterThan(2);
        long bytes = chunks.stream().mapToLong(Buffer::length).sum();

        InfluxHttpClient toFake = client(StorageFixtures.config(fake.url(), "db", dir));
        assertThat(await(toFake.write(chunks)).kind()).isEqualTo(WriteOutcome.Kind.OK);
        FakeInflux.Request request = fake.writes().get(0);
        assertThat(request.headers().get("Content-Length")).isEqualTo(Long.toString(bytes));
        assertThat(request.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(request.bodyBytes()).isEqualTo((int) bytes);
        assertThat(request.lines()).containsExactlyElementsOf(lines);

        String db = influx.uniqueDatabaseName("chunks");
        InfluxHttpClient toInflux = client(StorageFixtures.config(influx.url(), db, dir));
        await(toInflux.ensureDatabase());
        assertThat(await(toInflux.write(chunks)).kind()).isEqualTo(WriteOutcome.Kind.OK);
        JsonObject answer = await(toInflux.query("SELECT count(f) FROM m"));
        assertThat(answer.getJsonArray("results").getJsonObject(0).getJsonArray("series").getJsonObject(0)
                .getJsonArray("values").getJsonArray(0).getLong(1)).isEqualTo(20_000L);
    }

    /** Verifies that ensureDatabase is idempotent, creates the default retention policy and corrects its duration. */
    @Test
    void ensureDatabaseCreatesRetentionPolicy(InfluxDb influx) {
        String db = influx.uniqueDatabaseName("ensure");
        InfluxHttpClient client = client(StorageFixtures.config(influx.url(), db, dir));
        await(client.ensureDatabase());
        await(client.ensureDatabase());
        assertThat(policies(influx, db)).anySatisfy(row -> {
            assertThat(row.get(0).asText()).isEqualTo("ct_400d");
            assertThat(row.get(1).asText()).isEqualTo("9600h0m0s");
            assertThat(row.get(4).asBoolean()).isTrue();
        });

        InfluxHttpClient shorter = client(StorageFixtures.config(influx.url(), db, dir).retention(Duration.ofDays(30)));
        await(shorter.ensureDatabase());
        assertThat(policies(influx, db)).anySatisfy(row -> {
            assertThat(row.get(0).asText()).isEqualTo("ct_400d");
            assertThat(row.get(1).asText()).isEqualTo("720h0m0s");
        });
    }

    private static List<JsonNode> policies(InfluxDb influx, String db) {
        return influx.rows(null, "SHOW RETENTION POLICIES ON \"" + db + "\"");
    }

    /** Verifies that a server refusing CREATE DATABASE (InfluxDB 2.x/3) is not an error, but no answer is. */
    @Test
    void ensureDatabaseCarriesOnWhereRefused() {
        InfluxHttpClient client = client(StorageFixtures.config(fake.url(), "bucket", dir).token("tok"));
        fake.respond(request -> Future.succeededFuture(FakeInflux.Answer.error(403,
                "CREATE DATABASE is not supported")));
        await(client.ensureDatabase());
        fake.respond(request -> Future.succeededFuture(new FakeInflux.Answer(200,
                "{\"results\":[{\"statement_id\":0,\"error\":\"not implemented: CREATE DATABASE\"}]}", Map.of())));
        await(client.ensureDatabase());

        InfluxHttpClient down = client(StorageFixtures.config("http://127.0.0.1:" + FreePorts.next(), "db", dir));
        assertThatThrownBy(() -> await(down.ensureDatabase())).hasMessageContaining("did not answer");
    }
}

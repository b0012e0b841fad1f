package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.support.ThrottledLog;

/**
 * InfluxDB's portable v1 HTTP API ({@code POST /write}, {@code /query}, {@code /ping}) over a non-blocking Vert.x
 * {@link WebClient}: served by InfluxDB 1.x, 2.x (v1 compatibility, token auth) and 3. Writes are classed, never
 * failed, for HTTP errors (see {@link WriteOutcome}); secrets (token, password) never reach a log line.
 */
public final class InfluxHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxHttpClient.class);
    /** A large read taking longer than this is logged at INFO with its times (start-up recovery). */
    private static final long SLOW_READ_NANOS = 1_000_000_000L;
    /** Connections kept for queries and pings beside the writes. */
    private static final int QUERY_CONNECTIONS = 8;
    /** Idle timeout of the large reads at start-up (a month of a country's transitions takes InfluxDB 20 s here). */
    private static final long LARGE_READ_TIMEOUT_MILLIS = 300_000;

    private final Vertx vertx;
    private final StorageConfig config;
    private final WebClient client;
    private final String basePath;
    private final long timeoutMillis;
    private final ThrottledLog configErrors = ThrottledLog.perMinute();
    private final DatabaseSetup databaseSetup;
    private final DatabaseFaults faults;

    /**
     * A client of the InfluxDB at {@code config.influxUrl()}: one connection per write in flight plus
     * eight for queries and pings.
     */
    public InfluxHttpClient(Vertx vertx, StorageConfig config) {
        this(vertx, config, DatabaseFaults.unregistered());
    }

    /** The same, recording refusals that name a setting of the database in {@code faults}. */
    public InfluxHttpClient(Vertx vertx, StorageConfig config, DatabaseFaults faults) {
        this.faults = faults;
        this.vertx = vertx;
        this.config = config;
        URI uri = URI.create(config.influxUrl());
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("influxUrl must be http(s)://host[:port][/path]: " + config.influxUrl());
        }
        boolean ssl = scheme.equals("https");
        this.timeoutMillis = config.requestTimeout().toMillis();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        WebClientOptions options = new WebClientOptions()
                .setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80)
                .setSsl(ssl)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setKeepAlive(true)
                .setUserAgent("commune-telemetry");
        this.client = WebClient.create(vertx, options,
                new PoolOptions().setHttp1MaxSize(config.maxInFlight() + QUERY_CONNECTIONS));
        this.databaseSetup = new DatabaseSetup(this, config);
    }

    /**
     * Writes line protocol ({@code precision=ms}) to the configured database and retention policy. The Future
     * always succeeds with the classed answer; it never fails for HTTP errors or transport failures.
     */
    public Future<WriteOutcome> write(Buffer lineProtocolBody) {
        return write(List.of(lineProtocolBody));
    }

    /**
     * The same, for a body in several chunks, sent one after another in one request with its {@code Content-Length}
     * (see {@link BodyChunks}: never merged into one array on the way to the socket).
     */
    public Future<WriteOutcome> write(List<Buffer> lineProtocolChunks) {
        HttpRequest<Buffer> request = client.post(basePath + "/write")
                .addQueryParam("db", config.database())
                .addQueryParam("precision", "ms")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .timeout(timeoutMillis);
        if (config.retentionPolicy() != null) {
            request.addQueryParam("rp", config.retentionPolicy());
        }
        authenticate(request);
        Future<HttpResponse<Buffer>> sent;
        if (lineProtocolChunks.size() <= 1) {
            sent = request.sendBuffer(lineProtocolChunks.isEmpty() ? Buffer.buffer() : lineProtocolChunks.get(0));
        } else {
            BodyChunks body = new BodyChunks(vertx.getOrCreateContext(), lineProtocolChunks);
            sent = request.putHeader("Content-Length", Long.toString(body.length())).sendStream(body);
        }
        return sent
                .map(InfluxAnswers::classify)
                .otherwise(cause -> InfluxAnswers.transportFailure(cause, timeoutMillis))
                .onSuccess(outcome -> {
                    faults.seen(outcome);
                    logConfigFault(outcome);
                });
    }

    /** Refusals of this database that name a setting to fix. */
    public DatabaseFaults faults() {
        return faults;
    }

    /**
     * Runs InfluxQL against the configured database and answers InfluxDB's JSON ({@code epoch=ms}). Fails with an
     * {@link InfluxQueryException} naming the statement and InfluxDB's error when any statement failed.
     */
    public Future<JsonObject> query(String influxql) {
        return execute(influxql, config.database());
    }

    /**
     * The same as {@link #query}, for reads whose answer may be large (start-up recovery): the answer is read in one
     * streaming pass on a worker thread ({@link QueryStream}), each row given to {@code rows} there, so that neither
     * parsing megabytes of JSON nor walking its rows blocks the event loop, and no tree of it is built. The Future
     * completes after the last row; should it fail, rows given before belong to no whole answer.
     */
    public Future<Void> queryOffLoop(String influxql, Consumer<QueryStream.Row> rows) {
        ChunkCollector body = new ChunkCollector();
        long asked = System.nanoTime();
        return queryRequest(influxql, config.database(), Math.max(timeoutMillis, LARGE_READ_TIMEOUT_MILLIS))
                .as(BodyCodec.pipe(body))
                .send()
                .recover(cause -> Future.failedFuture(new InfluxQueryException(0, "InfluxDB at "
                        + config.influxUrl() + " did not answer '" + influxql + "': "
                        + InfluxAnswers.describe(cause, LARGE_READ_TIMEOUT_MILLIS))))
                .compose(response -> vertx.executeBlocking(() -> {
                    long answered = System.nanoTime();
                    byte[] bytes = body.bytes();
                    if (response.statusCode() / 100 != 2) {
                        throw new InfluxQueryException(response.statusCode(), "InfluxDB answered HTTP "
                                + response.statusCode() + " to '" + influxql + "': "
                                + InfluxAnswers.truncate(new String(bytes, StandardCharsets.UTF_8)));
                    }
                    QueryStream.read(bytes, influxql, rows);
                    if (LOG.isDebugEnabled() || System.nanoTime() - asked > SLOW_READ_NANOS) {
                        LOG.info("InfluxDB answered {} bytes in {} ms, read in {} ms: {}", bytes.length,
                                (answered - asked) / 1_000_000, (System.nanoTime() - answered) / 1_000_000,
                                InfluxAnswers.truncate(influxql));
                    }
                    return null;
                }, false));
    }

    /** Succeeds when {@code /ping} answers 2xx. */
    public Future<Void> ping() {
        HttpRequest<Buffer> request = client.get(basePath + "/ping").timeout(timeoutMillis);
        authenticate(request);
        return request.send()
                .recover(cause -> Future.failedFuture(new InfluxQueryException(0, "InfluxDB at "
                        + config.influxUrl() + " does not answer /ping: "
                        + InfluxAnswers.describe(cause, timeoutMillis))))
                .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new InfluxQueryException(response.statusCode(), "InfluxDB at "
                                + config.influxUrl() + " answered /ping with HTTP " + response.statusCode() + ": "
                                + InfluxAnswers.errorText(response))));
    }

    /**
     * Creates the database and, when one is configured, the retention policy (duration from the config, made the
     * default); idempotent, and corrects the duration of an existing policy. On servers that forbid or do not know
     * these statements (InfluxDB 2.x, 3) it logs once at INFO and succeeds. Fails only when InfluxDB does not answer.
     */
    public Future<Void> ensureDatabase() {
        return databaseSetup.ensure();
    }

    /** Closes the connections. */
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** Runs InfluxQL with {@code POST /query}; {@code db} may be null. */
    Future<JsonObject> execute(String influxql, String db) {
        return send(influxql, db).compose(response -> parseQueryAnswer(influxql, response));
    }

    /** {@code POST /query} of {@code influxql} against {@code db} (may be null), authenticated. */
    private HttpRequest<Buffer> queryRequest(String influxql, String db, long timeout) {
        HttpRequest<Buffer> request = client.post(basePath + "/query")
                .addQueryParam("q", influxql)
                .addQueryParam("epoch", "ms")
                .timeout(timeout);
        if (db != null) {
            request.addQueryParam("db", db);
        }
        authenticate(request);
        return request;
    }

    private Future<HttpResponse<Buffer>> send(String influxql, String db) {
        return queryRequest(influxql, db, timeoutMillis).send()
                .recover(cause -> Future.failedFuture(new InfluxQueryException(0, "InfluxDB at "
                        + config.influxUrl() + " did not answer '" + influxql + "': "
                        + InfluxAnswers.describe(cause, timeoutMillis))));
    }

    private Future<JsonObject> parseQueryAnswer(String influxql, HttpResponse<Buffer> response) {
        try {
            return Future.succeededFuture(parse(influxql, response));
        } catch (InfluxQueryException e) {
            return Future.failedFuture(e);
        }
    }

    private static JsonObject parse(String influxql, HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            throw new InfluxQueryException(response.statusCode(), "InfluxDB answered HTTP "
                    + response.statusCode() + " to '" + influxql + "': " + InfluxAnswers.errorText(response));
        }
        return parse(influxql, response.statusCode(), response.body());
    }

    private static JsonObject parse(String influxql, int status, Buffer body) {
        JsonObject answer;
        try {
            answer = body == null || body.length() == 0 ? new JsonObject() : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new InfluxQueryException(status,
                    "InfluxDB answered '" + influxql + "' with something that is not JSON");
        }
        if (answer.getValue("error") instanceof String error) {
            throw new InfluxQueryException(status, "InfluxQL error in '" + influxql + "': " + error);
        }
        JsonArray results = answer.getJsonArray("results", new JsonArray());
        for (int i = 0; i < results.size(); i++) {
            if (results.getValue(i) instanceof JsonObject result && result.getValue("error") instanceof String e) {
                throw new InfluxQueryException(status, "InfluxQL error in '" + influxql + "': " + e);
            }
        }
        return answer;
    }

    private void authenticate(HttpRequest<Buffer> request) {
        if (config.hasToken()) {
            request.putHeader("Authorization", "Token " + config.token());
        } else if (config.hasUserPassword()) {
            request.addQueryParam("u", config.username());
            request.addQueryParam("p", config.password());
        }
    }

    private void logConfigFault(WriteOutcome outcome) {
        if (outcome.kind() != WriteOutcome.Kind.RETRY || !InfluxAnswers.isConfigFault(outcome)) {
            return;
        }
        if (configErrors.due()) {
            LOG.error("InfluxDB at {} refuses writes to database '{}' (retention policy '{}'): HTTP {} {}; batches are "
                    + "kept in the spool until the database, retention policy or credentials are fixed",
                    config.influxUrl(), config.database(), config.retentionPolicy(), outcome.status(),
                    outcome.detail());
        }
    }
}

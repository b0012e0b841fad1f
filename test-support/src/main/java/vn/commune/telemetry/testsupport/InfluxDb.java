package vn.commune.telemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An InfluxDB serving the v1 HTTP API ({@code /write}, {@code /query}, {@code /ping}) for tests. */
public interface InfluxDb extends ManagedServer {

    /** Base URL, for example {@code http://127.0.0.1:48086}. */
    default String url() {
        return "http://" + host() + ":" + port();
    }

    /** A database name no other test uses (the database is not created). */
    default String uniqueDatabaseName(String prefix) {
        return prefix.replaceAll("[^A-Za-z0-9_]", "_") + "_" + Names.NEXT.incrementAndGet() + "_" + System.nanoTime();
    }

    /** Runs an InfluxQL statement and returns the JSON answer; {@code db} may be null. */
    default JsonNode query(String db, String influxql) {
        StringBuilder uri = new StringBuilder(url()).append("/query?epoch=ms&q=")
                .append(URLEncoder.encode(influxql, StandardCharsets.UTF_8));
        if (db != null) {
            uri.append("&db=").append(URLEncoder.encode(db, StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = Names.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
            return Names.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the first series of the first result, each row a list of values; empty when none. */
    default List<JsonNode> rows(String db, String influxql) {
        JsonNode answer = query(db, influxql);
        JsonNode result = answer.path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("InfluxQL error: " + result.get("error").asText());
        }
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            series.path("values").forEach(rows::add);
        }
        return rows;
    }

    /** A single number: the first column after time of the first row, or 0 when there is no row. */
    default long count(String db, String influxql) {
        List<JsonNode> rows = rows(db, influxql);
        return rows.isEmpty() ? 0 : rows.get(0).get(1).asLong();
    }

    /** Shared clients of the default methods. */
    final class Names {
        static final AtomicInteger NEXT = new AtomicInteger();
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        static final ObjectMapper JSON = new ObjectMapper();

        private Names() {
        }
    }
}

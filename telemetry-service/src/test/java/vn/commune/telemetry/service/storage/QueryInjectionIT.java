package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * InfluxQL injection: every id or name that reaches a query goes through {@link QueryRows#literal} or {@link
 * QueryRows#identifier}. Against a real InfluxDB holding series whose tags are hostile strings (quotes, comments,
 * statements, regular expression metacharacters, unicode), a query built with them selects exactly its own series,
 * never another, and the database and its measurements survive. A scan of the service's sources finds no query that
 * puts a quote around a value by hand.
 */
@ExtendWith(TestServersExtension.class)
class QueryInjectionIT {

    private static final List<String> HOSTILE = List.of(
            "x' OR 1=1 --", "x' OR '1'='1", "\"; DROP DATABASE db", "'; DROP MEASUREMENT status; --",
            "a\\' OR device =~ /.*/ --", "a\\b", "\\\\'", ".*", "^ls-.*$", "/.*/", "(a|b)*c", "[^a]", "x\"y",
            "Gia Phú", "😀", "ls-gia-phu-thon-hai-khe");
    /** Values line protocol cannot hold as a tag, but a query may still be asked with. */
    private static final List<String> UNSTORABLE = List.of("gia-phu\nSELECT * FROM status; DROP DATABASE db", "\\",
            "x'\n--");

    /** Verifies that a query on each hostile tag value finds its own series only, and nothing is dropped. */
    @Test
    void hostileValuesSelectOnlyThemselves(InfluxDb influx) throws Exception {
        String db = influx.uniqueDatabaseName("injection");
        influx.query(null, "CREATE DATABASE " + QueryRows.identifier(db));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < HOSTILE.size(); i++) {
            lines.append(Point.measurement("status").addTag("device", HOSTILE.get(i)).addTag("vil\"la'ge", "v" + i)
                    .addField("n", i).time(1_000L + i, WritePrecision.MS).toLineProtocol()).append('\n');
        }
        for (String line : lines.toString().split("\n(?=status,)")) {
            HttpResponse<String> written = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(influx.url() + "/write?db=" + db + "&precision=ms")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as("%s -> %s", line, written.body()).isEqualTo(204);
        }

        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            String query = "SELECT n FROM " + QueryRows.identifier("status") + " WHERE "
                    + QueryRows.identifier("device") + " = " + QueryRows.literal(value);
            JsonNode answer = influx.query(db, query);
            assertThat(answer.path("results").path(0).has("error")).as("%s -> %s", query, answer).isFalse();
            List<JsonNode> rows = influx.rows(db, query);
            assertThat(rows).as(query).hasSize(1);
            assertThat(rows.get(0).get(1).asInt()).as(query).isEqualTo(i);
            // a tag key with quotes in it, and a list of values
            assertThat(influx.rows(db, "SELECT n FROM status WHERE " + QueryRows.identifier("vil\"la'ge") + " = "
                    + QueryRows.literal("v" + i))).hasSize(1);
            assertThat(influx.rows(db, "SELECT n FROM status WHERE " + QueryRows.anyOf("device",
                    List.of(value, "nothing' OR '1'='1")))).hasSize(1);
        }
        for (String value : UNSTORABLE) {
            String query = "SELECT n FROM status WHERE device = " + QueryRows.literal(value);
            assertThat(influx.query(db, query).path("results").path(0).has("error")).as(query).isFalse();
            assertThat(influx.rows(db, query)).as(query).isEmpty();
        }
        assertThat(influx.rows(null, "SHOW DATABASES").stream().map(row -> row.get(0).asText())).contains(db);
        assertThat(influx.count(db, "SELECT count(n) FROM status")).isEqualTo(HOSTILE.size());
    }

    /** Verifies that no query in the service's sources quotes a value by hand instead of through QueryRows. */
    @Test
    void noQueryQuotesAValueByHand() throws IOException {
        Pattern query = Pattern.compile("\\b(SELECT|WHERE|FROM|SHOW|DROP|DELETE|GROUP BY)\\b");
        // a string literal that opens or closes an InfluxQL quote next to a concatenation
        Pattern handQuoted = Pattern.compile("\"[^\"]*'\"\\s*\\+|\\+\\s*\"'|=\\s*'\"\\s*\\+|\\+\\s*\"\\\\\"\"");
        // what the scan looks for, as it would be written
        assertThat(handQuoted.matcher("String q = \"SELECT * FROM status WHERE device = '\" + id + \"'\";").find())
                .isTrue();
        assertThat(handQuoted.matcher("String q = \"SELECT * FROM \\\"\" + name + \"\\\"\";").find()).isTrue();
        Path sources = Path.of("src", "main", "java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.endsWith("QueryRows.java")) {
                    continue;
                }
                List<String> source = Files.readAllLines(file);
                for (int i = 0; i < source.size(); i++) {
                    String line = source.get(i);
                    String context = (i > 0 ? source.get(i - 1) : "") + line + (i + 1 < source.size()
                            ? source.get(i + 1) : "");
                    if (handQuoted.matcher(line).find() && query.matcher(context).find()) {
                        found.add(file + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}

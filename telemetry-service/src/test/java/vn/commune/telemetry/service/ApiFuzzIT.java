package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UsersFile;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Over ten thousand malformed requests across every endpoint of the API (and the dashboard's asset route): hostile
 * ids and place names in paths and query parameters (path traversal, InfluxQL injection, regular expression
 * metacharacters, unicode edge cases, invalid UTF-8, huge values), wrong types, broken and deeply nested JSON, huge
 * bodies, wrong content types, missing or wrong credentials, and changes made with a session but without its CSRF
 * token. Every answer must be a 4xx with a JSON error that quotes no stack trace and no path of the server; the
 * service must stay ready; and nothing may be written, apart from the audit log's record of each refused change.
 */
@ExtendWith(TestServersExtension.class)
class ApiFuzzIT {

    private static final int REQUESTS = 10_500;
    private static final String PASSWORD = "mat-khau-thu-nghiem";
    /** What an answer must never contain: a stack trace, a class of the service, a path of the machine. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat |\\.java|vn\\.commune|io\\.vertx|com\\.fasterxml|/work/|/tmp/|/home/|/root/|/usr/");

    /** Ids and names no inventory holds, each aimed at a way of breaking a server. */
    private static final List<String> HOSTILE = List.of(
            "x' OR 1=1 --", "\"; DROP DATABASE commune_telemetry", "'; DROP MEASUREMENT status; --",
            "x\" OR \"1\"=\"1", "\\' OR 1=1 --", "' OR device =~ /.*/ --", ".*", "^ls-.*$", "/.*/", "(a|b)*c",
            "[^a]", "ls-gia-phu-thon-hai-khe' OR '1'='1", "gia-phu\nSELECT * FROM status",
            "../../etc/passwd", "..\\..\\windows\\win.ini", "....//....//etc/passwd", "/etc/shadow",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "config/users.yaml", "file:///etc/passwd",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}", "%00", "\u0000", "\uFEFF", "\u202Egia-phu", "gia\u0301-phu", "Gia Phú",
            "Gia Phu\u0301", "😀", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "ꙮ", "\u00A0", " ", "\t", "-1", "-0.5",
            "99999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}", "x".repeat(3000),
            "ls-gia-phu-thon-hai-khe".repeat(100));
    /** Raw percent-encoded bytes that are not UTF-8 (overlong dot, lone surrogate, stray bytes). */
    private static final List<String> RAW = List.of("%C0%AE%C0%AE%2F", "%ED%A0%80", "%FF%FE", "%E2%82", "%80",
            "..%252f..%252f", "%25", "%2F", "%5C..%5C");

    /** Endpoints, with {id} for a path segment and {q} for a query value. */
    private static final List<String> READS = List.of(
            "/api/v1/places/{id}", "/api/v1/places/{id}/leaves", "/api/v1/devices/{id}",
            "/api/v1/devices/{id}/latest", "/api/v1/devices/{id}/events?limit={q}",
            "/api/v1/devices/{id}/series?field={q}&from={q}",
            "/api/v1/devices/ls-gia-phu-thon-hai-khe/series?field={q}",
            "/api/v1/devices/ls-gia-phu-thon-hai-khe/series?field=temp_c&from={q}&to={q}&points={q}",
            "/api/v1/devices/ls-gia-phu-thon-hai-khe/events?from={q}&to={q}",
            "/api/v1/devices?place={q}", "/api/v1/devices?kind={q}", "/api/v1/devices?state={q}",
            "/api/v1/devices?limit={q}&offset={q}", "/api/v1/alerts?place={q}", "/api/v1/alerts?severity={q}",
            "/api/v1/alerts?state={q}", "/api/v1/alerts/history?from={q}&to={q}",
            "/api/v1/broadcasts/compliance?place={q}", "/api/v1/broadcasts/compliance?place=gia-phu&slots={q}",
            "/api/v1/broadcasts/compliance?place=gia-phu&from={q}&to={q}", "/api/v1/broadcasts/today?commune={q}",
            "/api/v1/broadcasts/emergency/{id}", "/api/v1/broadcasts/emergency?commune={q}",
            "/api/v1/coverage?place={q}&kind=loudspeaker",
            "/api/v1/coverage?place=gia-phu&kind={q}", "/api/v1/coverage?place=gia-phu&kind=wifi&from={q}",
            "/api/v1/uptime?place={q}", "/api/v1/uptime?place=gia-phu&from={q}&to={q}",
            "/api/v1/uptime?device={q}", "/api/v1/uptime?place=gia-phu&worst={q}", "/api/v1/schedules/{id}",
            "/api/v1/schedules/{id}/history", "/api/v1/reports/broadcasts.csv?place={q}&month=2026-11",
            "/api/v1/reports/broadcasts.csv?place=bao-thang&month={q}",
            "/api/v1/reports/broadcasts.csv?place=bao-thang&month=2026-11&style={q}",
            "/api/v1/reports/broadcasts.json?place={q}&month={q}", "/api/v1/maintenance/{id}",
            "/api/v1/maintenance?device={q}", "/api/v1/silences/{id}",
            "/api/v1/silences?device={q}", "/api/v1/audit?limit={q}", "/api/v1/events?place={q}",
            "/api/v1/events?kind={q}", "/api/v1/{id}", "/api/v1/devices/{id}/{id}", "/api/{id}", "/api/v1/{id}/../devices/{id}",
            "/assets/{id}", "/assets/..%2F..%2Fpom.xml", "/assets/{id}.js");
    /** Changes, each with an id or a body that no valid request has. */
    private static final List<String[]> CHANGES = List.of(
            new String[] {"POST", "/api/v1/alerts/{id}/ack"}, new String[] {"POST", "/api/v1/broadcasts/emergency"},
            new String[] {"POST", "/api/v1/broadcasts/emergency/{id}/cancel"},
            new String[] {"PUT", "/api/v1/schedules/{id}"}, new String[] {"PUT", "/api/v1/schedules/gia-phu"},
            new String[] {"POST", "/api/v1/schedules/{id}/approve"},
            new String[] {"POST", "/api/v1/schedules/gia-phu/approve"}, new String[] {"POST", "/api/v1/maintenance"},
            new String[] {"POST", "/api/v1/maintenance/{id}/end"}, new String[] {"DELETE", "/api/v1/maintenance/{id}"},
            new String[] {"POST", "/api/v1/silences"}, new String[] {"POST", "/api/v1/silences/{id}/end"},
            new String[] {"DELETE", "/api/v1/silences/{id}"}, new String[] {"POST", "/api/v1/session"},
            new String[] {"PUT", "/api/v1/devices/{id}"}, new String[] {"PATCH", "/api/v1/places/{id}"},
            new String[] {"DELETE", "/api/v1/users/{id}"}, new String[] {"POST", "/api/v1/users"});

    /** How a request is authenticated. */
    private enum Auth { TOKEN, SESSION, SESSION_WITHOUT_CSRF, NONE, WRONG_TOKEN }

    private record Probe(String method, String path, byte[] body, String contentType, Auth auth, boolean chunked) {
        String describe() {
            return method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path) + " [" + auth
                    + (body == null ? "" : ", " + body.length + " bytes " + contentType) + "]";
        }
    }

    private record Answer(Probe probe, int status, String type, String body, Throwable failure) {
    }

    /** Verifies every answer, the service's readiness throughout, and that nothing but refusals was recorded. */
    @Test
    void malformedRequestsGetJsonErrorsAndWriteNothing(InfluxDb influx, MqttBroker broker, @TempDir Path tmp)
            throws Exception {
        Path usersFile = tmp.resolve("users.yaml");
        String hash = new Passwords().hash(PASSWORD);
        UsersFile.write(usersFile, List.of(
                new User("admin", "Quản trị", Role.ADMIN, List.of(), false, hash),
                new User("hoa", "Trần Thị Hoa", Role.OFFICIAL, List.of("gia-phu"), true, hash)));
        // the rate limits are lifted here so that every probe reaches its endpoint (ApiLimitsIT tests them)
        String limits = "http:\n  rate-limit:\n    api: 1000000\n    api-burst: 1000000\n    anonymous: 1000000\n"
                + "    login: 100000\n";
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, limits)
                .env("USERS_FILE", usersFile.toString()).start().awaitStateReady()) {
            HttpClient sessionClient = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> login = sessionClient.send(HttpRequest.newBuilder(
                    URI.create(service.base() + "/api/v1/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "hoa")
                            .put("password", PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String csrf = new JsonObject(login.body()).getString("csrf_token");
            HttpClient plainClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            Map<String, Long> before = counts(influx, service.database);
            long fuzzStart = System.currentTimeMillis();
            List<Probe> probes = probes(new Random(20261207));
            assertThat(probes).hasSizeGreaterThanOrEqualTo(10_000);

            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            Semaphore inFlight = new Semaphore(8);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            int sent = 0;
            for (Probe probe : probes) {
                inFlight.acquire();
                HttpClient client = probe.auth() == Auth.SESSION || probe.auth() == Auth.SESSION_WITHOUT_CSRF
                        ? sessionClient : plainClient;
                pending.add(client.sendAsync(request(service.base(), probe, csrf),
                                HttpResponse.BodyHandlers.ofString())
                        .orTimeout(90, java.util.concurrent.TimeUnit.SECONDS)
                        .handle((response, failure) -> {
                            inFlight.release();
                            answers.add(failure != null ? new Answer(probe, -1, null, null, failure)
                                    : new Answer(probe, response.statusCode(),
                                            response.headers().firstValue("Content-Type").orElse(""),
                                            response.body(), null));
                            return null;
                        }));
                if (++sent % 1000 == 0) {
                    assertThat(service.get("/ready", null).statusCode()).as("ready after %d probes", sent)
                            .isEqualTo(200);
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

            List<String> wrong = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Answer answer : answers) {
                String problem = problem(answer);
                statuses.merge(answer.status(), 1, Integer::sum);
                if (problem != null) {
                    wrong.add(answer.probe().describe() + " -> " + problem);
                }
            }
            Collections.sort(wrong);
            assertThat(answers).hasSize(probes.size());
            assertThat(wrong).as("answers by status %s; the first wrong ones", statuses)
                    .isEmpty();
            assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
            assertThat(service.get("/api/v1/inventory").statusCode()).isEqualTo(200);

            // nothing written: every measurement as before, apart from the service's own run marks, and the audit
            // log holds only refusals
            Map<String, Long> after = counts(influx, service.database);
            after.remove("audit");
            after.remove("service_run");
            before.remove("audit");
            before.remove("service_run");
            assertThat(after).isEqualTo(before);
            List<JsonNode> audited = influx.rows(service.database, "SELECT \"status\" FROM audit WHERE time >= "
                    + fuzzStart + "ms");
            assertThat(audited).as("refused changes are audited").isNotEmpty();
            for (JsonNode row : audited) {
                assertThat(row.get(1).asInt()).as(row.toString()).isBetween(400, 499);
            }
        }
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Answer answer) {
        if (answer.failure() != null) {
            return "no answer: " + answer.failure();
        }
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status() + ": " + abbreviate(answer.body());
        }
        if (!answer.type().startsWith("application/json")) {
            return "status " + answer.status() + " with Content-Type '" + answer.type() + "'";
        }
        if (answer.probe().method().equals("HEAD")) {
            return null;
        }
        JsonObject body;
        try {
            body = new JsonObject(answer.body());
        } catch (RuntimeException e) {
            return "status " + answer.status() + " with a body that is not a JSON object: " + abbreviate(answer.body());
        }
        if (!(body.getValue("error") instanceof String)) {
            return "status " + answer.status() + " without an error code: " + abbreviate(answer.body());
        }
        if (LEAK.matcher(answer.body()).find()) {
            return "status " + answer.status() + " quotes the server's insides: " + abbreviate(answer.body());
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static HttpRequest request(String base, Probe probe, String csrf) {
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : probe.chunked() ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(probe.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + probe.path()))
                .timeout(Duration.ofSeconds(60)).method(probe.method(), body);
        if (probe.contentType() != null) {
            builder.header("Content-Type", probe.contentType());
        }
        switch (probe.auth()) {
            case TOKEN -> builder.header("Authorization", "Bearer " + ServiceHarness.TOKEN);
            case WRONG_TOKEN -> builder.header("Authorization", "Bearer " + ServiceHarness.TOKEN + "x");
            case SESSION -> builder.header("X-CSRF-Token", csrf);
            default -> {
            }
        }
        return builder.build();
    }

    /** The probes: every endpoint with every hostile value, then random combinations up to {@link #REQUESTS}. */
    private static List<Probe> probes(Random random) {
        List<String> values = new ArrayList<>();
        HOSTILE.forEach(v -> values.add(encode(v)));
        values.addAll(RAW);
        // an empty or blank query value means "not given" (and is valid), so only ids get those
        List<String> queryValues = values.stream().filter(v -> !List.of("%20", "%09").contains(v)).toList();
        List<byte[]> bodies = bodies();
        List<Probe> probes = new ArrayList<>();
        for (String read : READS) {
            for (String value : values) {
                probes.add(new Probe("GET", fill(read, value, random, queryValues), null, null, Auth.TOKEN, false));
            }
        }
        for (String[] change : CHANGES) {
            for (String value : values) {
                probes.add(new Probe(change[0], fill(change[1], value, random, queryValues),
                        bodies.get(random.nextInt(bodies.size())), "application/json", Auth.TOKEN, false));
            }
            for (byte[] body : bodies) {
                probes.add(new Probe(change[0], fill(change[1], values.get(random.nextInt(values.size())), random,
                        queryValues), body, "application/json", Auth.TOKEN, body.length > 100_000));
            }
            // a valid-looking change with a session and no CSRF token, as a forged cross-site request would be
            probes.add(new Probe(change[0], change[1].replace("{id}", "gia-phu"),
                    "{\"commune\":\"gia-phu\",\"device\":\"ls-gia-phu-thon-hai-khe\",\"reason\":\"x\"}"
                            .getBytes(StandardCharsets.UTF_8), "application/json", Auth.SESSION_WITHOUT_CSRF, false));
        }
        Auth[] auths = Auth.values();
        String[] types = {"application/json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", null, "application/json; charset=latin1"};
        while (probes.size() < REQUESTS) {
            Auth auth = auths[random.nextInt(auths.length)];
            String value = values.get(random.nextInt(values.size()));
            if (random.nextInt(3) == 0) {
                String read = READS.get(random.nextInt(READS.size()));
                probes.add(new Probe(random.nextInt(10) == 0 ? "HEAD" : "GET", fill(read, value, random, queryValues),
                        null, null, auth == Auth.SESSION_WITHOUT_CSRF ? Auth.SESSION : auth, false));
            } else {
                String[] change = CHANGES.get(random.nextInt(CHANGES.size()));
                byte[] body = bodies.get(random.nextInt(bodies.size()));
                String type = types[random.nextInt(types.length)];
                // a session's change with its CSRF token must still be refused for its body or id
                probes.add(new Probe(change[0], fill(change[1], value, random, queryValues), body, type, auth,
                        random.nextBoolean()));
            }
        }
        return probes;
    }

    private static String fill(String template, String value, Random random, List<String> queryValues) {
        String path = template.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(value));
        while (path.contains("{q}") || path.contains("{id}")) {
            String other = queryValues.contains(value) && random.nextBoolean() ? value
                    : queryValues.get(random.nextInt(queryValues.size()));
            path = path.replaceFirst("\\{(q|id)}", java.util.regex.Matcher.quoteReplacement(other));
        }
        return path;
    }

    /** Bodies no endpoint takes: wrong types, broken or deep JSON, hostile values, huge sizes, bad bytes. */
    private static List<byte[]> bodies() {
        List<String> texts = new ArrayList<>(List.of(
                "", "null", "[]", "\"x\"", "123", "true", "{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,2",
                "{\"a\":1}{\"b\":2}", "{\"version\":\"1\"}", "{\"version\":1.5}", "{\"version\":-1}",
                "{\"version\":1e400}", "{\"version\":99999999999999999999999}", "{\"version\":NaN}",
                "{\"slots\":\"sang\"}", "{\"slots\":[1,2,3]}", "{\"slots\":[{\"id\":5,\"days\":\"mon\"}]}",
                "{\"slots\":[{\"id\":\"x\",\"days\":[\"funday\"],\"start\":\"25:00\",\"end\":\"-1\","
                        + "\"program\":\"x\"}]}",
                "{\"device\":5}", "{\"device\":[\"ls-gia-phu-thon-hai-khe\"]}", "{\"device\":null}",
                "{\"device\":\"x' OR 1=1 --\",\"reason\":\"x\"}",
                "{\"device\":\"ls-gia-phu-thon-hai-khe\",\"reason\":{\"$gt\":\"\"}}",
                "{\"device\":\"ls-gia-phu-thon-hai-khe\",\"reason\":\"x\",\"from\":\"yesterday\"}",
                "{\"device\":\"ls-gia-phu-thon-hai-khe\",\"reason\":\"x\",\"until\":-5}",
                "{\"device\":\"ls-gia-phu-thon-hai-khe\",\"device\":\"ls-gia-phu-thon-hai-khe\",\"reason\":\"x\"}",
                "{\"place\":\"../../etc/passwd\",\"reason\":\"x\"}",
                "{\"commune\":\"\\\"; DROP DATABASE commune_telemetry\",\"program\":\"x\",\"duration\":\"PT1M\"}",
                "{\"commune\":\"gia-phu\",\"program\":5,\"duration\":\"PT10M\"}",
                "{\"commune\":\"gia-phu\",\"program\":\"x\",\"duration\":\"forever\"}",
                "{\"commune\":\"gia-phu\",\"program\":\"x\",\"duration\":\"PT999999H\"}",
                "{\"commune\":[\"gia-phu\"],\"program\":\"x\",\"duration\":\"PT10M\"}",
                "{\"username\":5,\"password\":[]}", "{\"username\":\"admin\"}", "{\"username\":\"\\u0000\"}",
                "{\"username\":\"admin' OR 1=1 --\",\"password\":\"x\"}",
                "{\"username\":\"" + "a".repeat(100_000) + "\",\"password\":\"x\"}",
                "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u0000\\u202E\\uFEFF\"}", "\uFEFF{\"a\":1}",
                "{\"__proto__\":{\"admin\":true}}", "{\"constructor\":{\"prototype\":{}}}"));
        texts.add("[".repeat(5_000) + "]".repeat(5_000));
        texts.add("{\"a\":".repeat(200) + "1" + "}".repeat(200));
        texts.add("{\"a\":[" + "1,".repeat(60_000) + "1]}");
        texts.add("{\"reason\":\"" + "ử".repeat(150_000) + "\"}");
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, '"', '}'});
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
        byte[] huge = new byte[3 << 20];
        java.util.Arrays.fill(huge, (byte) 'x');
        bodies.add(huge);
        return bodies;
    }

    /** Every byte of {@code value} percent-encoded, as a path segment or query value. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Points per measurement in the service's database. */
    private static Map<String, Long> counts(InfluxDb influx, String database) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode row : influx.rows(database, "SHOW MEASUREMENTS")) {
            String name = row.get(0).asText();
            long total = 0;
            for (JsonNode count : influx.rows(database, "SELECT count(*) FROM \"" + name + "\"")) {
                for (int i = 1; i < count.size(); i++) {
                    total = Math.max(total, count.get(i).asLong());
                }
            }
            counts.put(name, total);
        }
        return counts;
    }
}

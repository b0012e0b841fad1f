package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The HTTP limits on the real service, set low: the API's rate per client (the token's share apart from an
 * anonymous address's), login attempts per address, body size, JSON depth and media type, URI length, and the
 * headers every answer carries. Every refusal is a 4xx with a JSON error; a 429 says when to come back.
 */
@ExtendWith(TestServersExtension.class)
class ApiLimitsIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Verifies each limit and its answer. */
    @Test
    void limitsAnswerWithJsonErrors(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        String limits = """
                http:
                  max-body: 2048
                  max-json-depth: 4
                  max-uri: 512
                  rate-limit:
                    api: 0.5
                    api-burst: 8
                    anonymous: 0.5
                    login: 3
                """;
        try (ServiceHarness service = new ServiceHarness(broker, influx, tmp, limits).start().awaitReady()) {
            String base = service.base();

            // every answer carries the security headers; the API's are not cached
            HttpResponse<String> ready = send(base, "GET", "/ready", null, null, null);
            assertThat(ready.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(ready.headers().firstValue("X-Frame-Options")).contains("DENY");

            // bodies: too large, too deep, not JSON, not declared JSON, an unknown field
            assertError(send(base, "POST", "/api/v1/silences", "{\"reason\":\"" + "x".repeat(4000) + "\"}",
                    "application/json", ServiceHarness.TOKEN), 413, "payload_too_large");
            assertError(send(base, "POST", "/api/v1/silences", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}",
                    "application/json", ServiceHarness.TOKEN), 400, "invalid_json");
            assertError(send(base, "POST", "/api/v1/silences", "{\"device\":\"x\",\"device\":\"y\"}",
                    "application/json", ServiceHarness.TOKEN), 400, "invalid_json");
            assertError(send(base, "POST", "/api/v1/silences", "device=x&reason=y",
                    "application/x-www-form-urlencoded", ServiceHarness.TOKEN), 415, "unsupported_media_type");
            assertError(send(base, "POST", "/api/v1/silences", "{\"device\":\"ls-gia-phu-thon-hai-khe\","
                    + "\"reason\":\"x\",\"unti\":\"2026-12-31T00:00:00Z\"}", "application/json",
                    ServiceHarness.TOKEN), 400, "bad_request");
            assertError(send(base, "GET", "/api/v1/places/" + "x".repeat(600), null, null, ServiceHarness.TOKEN),
                    414, "uri_too_long");

            // the token's share: 8 at once (some spent above), then 429 with Retry-After
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 12 && refused == null; i++) {
                HttpResponse<String> answer = send(base, "GET", "/api/v1/inventory", null, null,
                        ServiceHarness.TOKEN);
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 429) {
                    refused = answer;
                }
            }
            assertThat(refused).as("statuses %s", statuses).isNotNull();
            assertError(refused, 429, "too_many_requests");
            assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1, 3);

            // an address without credentials has a share of its own, smaller, still there after the token's
            HttpResponse<String> anonymous = send(base, "GET", "/api/v1/inventory", null, null, null);
            assertError(anonymous, 401, "unauthorized");
            int unauthorized = 1;
            HttpResponse<String> last = anonymous;
            for (int i = 0; i < 10 && last.statusCode() == 401; i++) {
                last = send(base, "GET", "/api/v1/inventory", null, null, "wrong-token-0123456789");
                unauthorized++;
            }
            assertError(last, 429, "too_many_requests");
            assertThat(unauthorized).isBetween(2, 6);

            // logins: three a minute from one address, whatever the user
            for (int i = 0; i < 3; i++) {
                assertError(send(base, "POST", "/api/v1/session", "{\"username\":\"u" + i + "\",\"password\":\"x\"}",
                        "application/json", null), 401, "invalid_credentials");
            }
            assertError(send(base, "POST", "/api/v1/session", "{\"username\":\"u9\",\"password\":\"x\"}",
                    "application/json", null), 429, "too_many_requests");

            // the service is still ready
            assertThat(send(base, "GET", "/ready", null, null, null).statusCode()).isEqualTo(200);
        }
    }

    private static void assertError(HttpResponse<String> answer, int status, String error) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(new JsonObject(answer.body()).getString("error")).isEqualTo(error);
    }

    private HttpResponse<String> send(String base, String method, String path, String body, String type,
            String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

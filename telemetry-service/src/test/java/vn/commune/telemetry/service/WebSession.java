package vn.commune.telemetry.service;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser's view of the API in tests: a cookie jar, a login, and the CSRF token sent with every change. */
final class WebSession {

    private final String base;
    private final HttpClient http;
    private String csrf;

    WebSession(ServiceHarness service) {
        this.base = service.base();
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Logs in; returns the answer (200 with the user and CSRF token, 401, 429). */
    HttpResponse<String> login(String username, String password) {
        HttpResponse<String> answer = raw("POST", "/api/v1/session", new JsonObject().put("username", username)
                .put("password", password).encode(), false);
        if (answer.statusCode() == 200) {
            csrf = new JsonObject(answer.body()).getString("csrf_token");
        }
        return answer;
    }

    HttpResponse<String> get(String path) {
        return raw("GET", path, null, false);
    }

    /** A change with the session's CSRF token. */
    HttpResponse<String> send(String method, String path, String json) {
        return raw(method, path, json, true);
    }

    /** A change without it, as a forged cross-site request would be. */
    HttpResponse<String> sendWithoutCsrf(String method, String path, String json) {
        return raw(method, path, json, false);
    }

    private HttpResponse<String> raw(String method, String path, String json, boolean withCsrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (withCsrf && csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

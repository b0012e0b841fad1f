package vn.commune.telemetry.service;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/** A client of the service's event stream (server-sent events) that keeps every line it reads, for assertions. */
final class EventLines implements AutoCloseable {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final HttpResponse<Stream<String>> response;

    /** Opens {@code /api/v1/events?{query}} and waits until the service says it is connected. */
    EventLines(ServiceHarness service, String query) throws Exception {
        response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.base() + "/api/v1/events" + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + ServiceHarness.TOKEN).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (UncheckedIOException closed) {
                lines.add("(closed)");
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains(": connected"));
    }

    /** The answer's headers. */
    HttpHeaders headers() {
        return response.headers();
    }

    /** Every line read so far. */
    Queue<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        response.body().close();
    }
}

package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for InfluxDB's v1 HTTP API on 127.0.0.1, answering as a test tells it: for errors a real server will not
 * produce on demand (413, 429, 503, 403). Remembers every request and the lines of every write answered 2xx.
 */
final class FakeInflux implements AutoCloseable {

    /** A request as the fake saw it. */
    record Request(String method, String path, MultiMap params, MultiMap headers, List<String> lines, int bodyBytes,
            long receivedAtNanos) {
    }

    /** What to answer, possibly later. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, "", Map.of());
        }

        static Answer error(int status, String error) {
            return new Answer(status, "{\"error\":\"" + error.replace("\"", "\\\"") + "\"}", Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile Function<Request, Future<Answer>> responder = request -> Future.succeededFuture(Answer.of(204));

    private FakeInflux(HttpServer server) {
        this.server = server;
    }

    static FakeInflux start(Vertx vertx) {
        FakeInflux[] holder = new FakeInflux[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> holder[0].handle(request));
        holder[0] = new FakeInflux(server);
        StorageFixtures.await(server.listen(0, "127.0.0.1"));
        return holder[0];
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Answers every request from now on with what the function says. */
    void respond(Function<Request, Future<Answer>> function) {
        responder = function;
    }

    /** Answers writes with a status (and pings with 204). */
    void answerWrites(Answer answer) {
        respond(request -> Future.succeededFuture(request.path().endsWith("/write") ? answer : Answer.of(204)));
    }

    List<Request> requests() {
        return requests;
    }

    List<Request> writes() {
        return requests.stream().filter(r -> r.path().endsWith("/write")).toList();
    }

    Set<String> stored() {
        return stored;
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpServerRequest http) {
        http.body().onSuccess(body -> {
            String text = body.toString();
            List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
            Request request = new Request(http.method().name(), http.path(), MultiMap.caseInsensitiveMultiMap()
                    .addAll(http.params()), MultiMap.caseInsensitiveMultiMap().addAll(http.headers()), lines,
                    body.length(), System.nanoTime());
            requests.add(request);
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            responder.apply(request).onComplete(answered -> {
                concurrent.decrementAndGet();
                Answer answer = answered.succeeded() ? answered.result() : Answer.of(500);
                if (answer.status() / 100 == 2 && request.path().endsWith("/write")) {
                    stored.addAll(lines);
                }
                http.response().setStatusCode(answer.status());
                answer.headers().forEach(http.response()::putHeader);
                http.response().end(answer.body());
            });
        });
    }

    @Override
    public void close() {
        StorageFixtures.await(server.close());
    }
}

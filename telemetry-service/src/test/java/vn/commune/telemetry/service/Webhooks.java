package vn.commune.telemetry.service;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads the alert webhook's messages in tests. */
final class Webhooks {

    private Webhooks() {
    }

    /**
     * A real HTTP server on a free loopback port standing in for a webhook receiver: hands each message it receives
     * to {@code onMessage} and answers 204. Returns its port; it closes with {@code vertx}.
     */
    static int receiver(Vertx vertx, Consumer<JsonObject> onMessage) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            onMessage.accept(body.toJsonObject());
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    }

    /**
     * The notices a webhook message carries, one per alert: {@code kind} (firing, escalated, resolved), the alert's
     * {@code text}, and the {@code alert} itself.
     */
    static List<JsonObject> notices(JsonObject message) {
        if (message.getInteger("version") != 1) {
            throw new AssertionError("webhook payload version " + message.getValue("version"));
        }
        List<JsonObject> out = new ArrayList<>();
        for (Object item : message.getJsonArray("alerts")) {
            JsonObject alert = (JsonObject) item;
            out.add(new JsonObject().put("kind", alert.getString("notification")).put("text", alert.getString("text"))
                    .put("link", alert.getString("link")).put("alert", alert));
        }
        return out;
    }
}

package vn.commune.telemetry.service;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reads the alert webhook's messages in tests. */
final class Webhooks {

    private Webhooks() {
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

package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Where notifications go: a webhook, the log. Delivery fails with a reason to retry on. */
public interface Channel {

    /** Its name in the notification log ({@code webhook}, {@code log}). */
    String name();

    /** Delivers one notification (the webhook payload of {@code docs/alerting.md}); completes when delivered. */
    Future<Void> deliver(JsonObject notification);
}

package vn.commune.telemetry.service.alert;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One alert's notification of one kind, before it is grouped into messages.
 *
 * @param alert  the alert as it is now
 * @param kind   {@code firing}, {@code escalated} or {@code resolved}
 * @param body   the alert as the webhook payload has it, with its {@code text} (the headline in the configured
 *               language) and {@code link} (the device in the dashboard, or null)
 * @param group  what it is grouped with: alerts of the same rule, type and commune
 * @param title  the group's words for a message of several ("mất kết nối ở Gia Phú, Lào Cai")
 * @param people the ids of the people it goes to (the log and webhook channels get every notice)
 */
public record Notice(Alert alert, String kind, JsonObject body, String group, String title, Set<String> people) {

    public Notice {
        people = Set.copyOf(people);
    }

    /** The alert's headline in the configured language. */
    public String text() {
        return body.getString("text");
    }

    /** The device in the dashboard, or null. */
    public String link() {
        return body.getString("link");
    }
}

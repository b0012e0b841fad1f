package vn.commune.telemetry.service.alert;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One message to one recipient: the notifications of a group (alerts of one rule and commune that changed within the
 * group wait), or a person's digest (what their rate limit held back).
 *
 * @param kind    {@code firing}, {@code escalated}, {@code resolved}, or {@code digest}
 * @param subject a one-line summary (the e-mail subject)
 * @param text    the whole message: a headline per alert, with its link
 * @param payload the webhook payload of {@code docs/alerting.md}, version 1
 * @param items   the notifications it carries
 */
public record Message(String kind, String subject, String text, JsonObject payload, List<Notice> items) {

    public Message {
        items = List.copyOf(items);
    }
}

package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/**
 * Sends each message to the person's Telegram chat through a bot ({@code sendMessage} of the Bot API at a
 * configurable base URL). A text longer than Telegram takes (4,096 characters) is cut, saying so.
 */
public final class TelegramChannel implements Channel {

    static final int MAX_TEXT = 4_096;
    private static final long TIMEOUT_MS = 15_000;

    private final WebClient client;
    private final String endpoint;

    /**
     * @param baseUrl the Bot API ({@code https://api.telegram.org}, or a local stand-in)
     * @param token   the bot's token
     */
    public TelegramChannel(Vertx vertx, URI baseUrl, String token) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT_MS)
                .setUserAgent("commune-telemetry-alerts/1"));
        String base = baseUrl.toString();
        this.endpoint = (base.endsWith("/") ? base : base + "/") + "bot" + token + "/sendMessage";
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public boolean reaches(Person person) {
        return person.telegram() != null;
    }

    @Override
    public Future<Void> deliver(Message message, Person to) {
        JsonObject body = new JsonObject()
                .put("chat_id", to.telegram())
                .put("text", cut(message.text()))
                .put("disable_web_page_preview", true);
        return client.postAbs(endpoint)
                .timeout(TIMEOUT_MS)
                .sendJsonObject(body)
                .compose(response -> {
                    if (response.statusCode() / 100 == 2) {
                        return Future.<Void>succeededFuture();
                    }
                    JsonObject answer = null;
                    try {
                        answer = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        // not JSON: the status says enough
                    }
                    String why = answer == null ? "" : ": " + answer.getString("description", "");
                    return Future.failedFuture("the Telegram Bot API answered HTTP " + response.statusCode() + why);
                });
    }

    /** The text cut to what Telegram takes. */
    static String cut(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        String tail = "\n…";
        return text.substring(0, MAX_TEXT - tail.length()) + tail;
    }
}

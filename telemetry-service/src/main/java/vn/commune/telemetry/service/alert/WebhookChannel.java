package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** Posts each message's payload as JSON to a URL; any 2xx answer is delivery, anything else is retried. */
public final class WebhookChannel implements Channel {

    private static final long TIMEOUT_MS = 10_000;

    private final WebClient client;
    private final URI url;

    public WebhookChannel(Vertx vertx, URI url) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT_MS)
                .setUserAgent("commune-telemetry-alerts/1"));
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean personal() {
        return false;
    }

    @Override
    public Future<Void> deliver(Message message, Person to) {
        JsonObject payload = message.payload();
        return client.postAbs(url.toString())
                .timeout(TIMEOUT_MS)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .sendBuffer(payload.toBuffer())
                .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.failedFuture("the webhook answered HTTP " + response.statusCode()));
    }
}

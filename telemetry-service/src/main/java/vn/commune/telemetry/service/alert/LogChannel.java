package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each notification to the service log (its text, at WARN) and as a JSON line to a file ({@code alerts.jsonl}
 * in the data directory): what {@code ./run system} shows, and a record an operator can tail.
 */
public final class LogChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger("alerts");

    private final Vertx vertx;
    private final Path file;

    public LogChannel(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Future<Void> deliver(JsonObject notification) {
        LOG.warn("{}", notification.getString("text"));
        return JsonLines.append(vertx, file, notification);
    }
}

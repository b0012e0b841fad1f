package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message to the service log (its text, at WARN) and its payload as a JSON line to a file ({@code
 * alerts.jsonl} in the data directory): what {@code ./run system} shows, and a record an operator can tail.
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
    public boolean personal() {
        return false;
    }

    @Override
    public Future<Void> deliver(Message message, Person to) {
        LOG.warn("{}", message.text());
        return JsonLines.append(vertx, file, message.payload());
    }
}

package vn.commune.telemetry.service.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a notification to every channel, each on its own: a failed delivery is retried after 1 s, 5 s, 30 s, 2 min and
 * 10 min; then it is given up, written to the dead-letter file ({@code alerts-dead-letter.jsonl}) and counted
 * ({@code ct_alert_notifications_failed_total}). Every delivery and every give-up is logged in storage, which is how a
 * restart knows what was sent. Runs on the event loop.
 */
public final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

    private final Vertx vertx;
    private final List<Channel> channels;
    private final AlertStore store;
    private final Path deadLetters;
    private final LongSupplier clock;
    private final Counter sent;
    private final Counter failed;

    public Notifier(Vertx vertx, List<Channel> channels, AlertStore store, Path deadLetters, LongSupplier clock,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.store = store;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.sent = Counter.builder("ct.alert.notifications.sent").description("Notifications delivered")
                .register(registry);
        this.failed = Counter.builder("ct.alert.notifications.failed")
                .description("Notifications given up after every retry (in the dead-letter file)").register(registry);
    }

    /** Sends {@code payload} of {@code alert} ({@code kind}: firing or resolved) to every channel. */
    public void send(Alert alert, String kind, JsonObject payload) {
        for (Channel channel : channels) {
            attempt(alert, kind, payload, channel, 1);
        }
    }

    private void attempt(Alert alert, String kind, JsonObject payload, Channel channel, int attempt) {
        Future<Void> delivery;
        try {
            delivery = channel.deliver(payload);
        } catch (RuntimeException e) {
            delivery = Future.failedFuture(e);
        }
        delivery.onSuccess(v -> {
            sent.increment();
            store.logNotification(alert, kind, channel.name(), clock.getAsLong(), true, attempt, null)
                    .onFailure(e -> LOG.warn("Alerts: the notification log could not be written: {}", e.getMessage()));
        }).onFailure(e -> {
            if (attempt <= RETRIES.size()) {
                long delay = RETRIES.get(attempt - 1).toMillis();
                LOG.warn("Alerts: {} of {} to {} failed ({}); retry {} in {} ms", kind, alert.id(), channel.name(),
                        e.getMessage(), attempt, delay);
                vertx.setTimer(delay, id -> attempt(alert, kind, payload, channel, attempt + 1));
                return;
            }
            failed.increment();
            LOG.error("Alerts: {} of {} to {} given up after {} attempts ({}); in {}", kind, alert.id(),
                    channel.name(), attempt, e.getMessage(), deadLetters);
            store.logNotification(alert, kind, channel.name(), clock.getAsLong(), false, attempt, e.getMessage());
            JsonObject letter = new JsonObject().put("channel", channel.name()).put("error", e.getMessage())
                    .put("notification", payload);
            JsonLines.append(vertx, deadLetters, letter)
                    .onFailure(io -> LOG.error("Alerts: cannot write the dead-letter file: {}", io.getMessage()));
        });
    }
}

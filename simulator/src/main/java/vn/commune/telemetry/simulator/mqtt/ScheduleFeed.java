package vn.commune.telemetry.simulator.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Subscribes a connection to every commune's schedule and waits until the broker has delivered the retained ones:
 * it publishes a marker on a private topic the same connection subscribes to, and the broker delivers the marker
 * after everything it queued for the connection before (the retained schedules). So the schedules retained when a
 * run starts apply from its first simulated instant, the same way every time.
 */
final class ScheduleFeed {

    /** Filter matching every commune's schedule. */
    static final String FILTER = "cmd/commune/+/schedule";

    private static final long BARRIER_TIMEOUT_SECONDS = 30;

    private ScheduleFeed() {
    }

    /** Completes when the retained schedules have arrived (they went to {@code sink} first). */
    static CompletableFuture<Void> start(MqttConnection connection, BiConsumer<String, byte[]> sink) {
        String barrier = "simulator/" + connection.clientId() + "/barrier";
        CompletableFuture<Void> seen = new CompletableFuture<>();
        return connection.subscribe(FILTER, sink)
                .thenCompose(ignored -> connection.subscribe(barrier, (topic, payload) -> seen.complete(null)))
                .thenCompose(ignored -> connection.publish(barrier, new byte[] {1}, false))
                .thenCompose(ignored -> seen.orTimeout(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
}

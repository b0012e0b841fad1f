package vn.commune.telemetry.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a run's connections: waits for the outstanding acknowledgements, then disconnects every connection. */
final class LinkCloser {

    private static final Logger LOG = LoggerFactory.getLogger(LinkCloser.class);
    private static final long DRAIN_MILLIS = 60_000;
    private static final long DISCONNECT_SECONDS = 30;

    private LinkCloser() {
    }

    static void close(PublishWindow window, Iterable<MqttConnection> connections, MqttExecutor executor) {
        try {
            if (!window.drain(DRAIN_MILLIS)) {
                LOG.warn("{} messages still unacknowledged after {} s; disconnecting anyway", window.inFlight(),
                        DRAIN_MILLIS / 1000);
            }
            List<CompletableFuture<Void>> disconnects = new ArrayList<>();
            for (MqttConnection connection : connections) {
                disconnects.add(connection.disconnect().exceptionally(failure -> null));
            }
            CompletableFuture.allOf(disconnects.toArray(CompletableFuture[]::new))
                    .get(DISCONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("disconnecting took longer than {} s: {}", DISCONNECT_SECONDS, e.toString());
        } finally {
            executor.close();
        }
    }
}

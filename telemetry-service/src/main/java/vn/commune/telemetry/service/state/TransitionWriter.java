package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.WriteOutcome;

/**
 * Writes transitions to InfluxDB in order. A transition point can be written more than once with different values
 * (a timeout later retracted by late data), and InfluxDB keeps whichever write arrives last, so these writes must
 * not overtake each other: one request at a time, a point queued again while its previous value is on the way is
 * sent after it, and a queued point written again is coalesced to its newest value. Failed requests are retried in
 * order. The queue is bounded; what does not fit is dropped and counted, and {@link #pendingFrom()} (recorded in the
 * service's run marker) tells the next start from where to derive transitions again from the stored messages.
 * Used on the event loop only.
 */
public final class TransitionWriter implements TransitionSink {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionWriter.class);
    private static final int BATCH = 5_000;
    private static final long RETRY_MIN_MS = 500;
    private static final long RETRY_MAX_MS = 30_000;

    private record Key(String device, long at) {
    }

    private final Vertx vertx;
    private final InfluxHttpClient influx;
    private final int maxQueued;
    private LinkedHashMap<Key, String> queue = new LinkedHashMap<>();
    private boolean inFlight;
    private long retryMs;
    private long pendingFrom = Long.MAX_VALUE;
    private long lost;
    private final List<Promise<Void>> drained = new ArrayList<>();

    public TransitionWriter(Vertx vertx, InfluxHttpClient influx, int maxQueued) {
        this.vertx = vertx;
        this.influx = influx;
        this.maxQueued = maxQueued;
    }

    /** Queues one transition point (its line) of {@code device} at {@code at}. */
    @Override
    public void write(String device, long at, String line) {
        queue.put(new Key(device, at), line);
        pendingFrom = Math.min(pendingFrom, at);
        if (queue.size() > maxQueued) {
            Iterator<Map.Entry<Key, String>> oldest = queue.entrySet().iterator();
            oldest.next();
            oldest.remove();
            if (lost++ % 10_000 == 0) {
                LOG.error("State: the transition queue is full ({} points); dropping the oldest (they are derived "
                        + "again from the stored messages at the next start)", maxQueued);
            }
        }
        flush();
    }

    /** Points waiting or on their way. */
    public int queued() {
        return queue.size();
    }

    /** Points dropped because the queue was full. */
    public long lost() {
        return lost;
    }

    /**
     * The earliest instant of a transition not yet known to be in InfluxDB (queued, on its way or dropped), or
     * {@link Long#MAX_VALUE} when everything is written.
     */
    public long pendingFrom() {
        return pendingFrom;
    }

    /** Completes once everything queued is written (or at once when nothing is). */
    public Future<Void> drain() {
        if (queue.isEmpty() && !inFlight) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        drained.add(promise);
        return promise.future();
    }

    private void flush() {
        if (inFlight || queue.isEmpty()) {
            return;
        }
        LinkedHashMap<Key, String> batch = new LinkedHashMap<>();
        Iterator<Map.Entry<Key, String>> it = queue.entrySet().iterator();
        StringBuilder body = new StringBuilder();
        while (it.hasNext() && batch.size() < BATCH) {
            Map.Entry<Key, String> entry = it.next();
            batch.put(entry.getKey(), entry.getValue());
            body.append(entry.getValue()).append('\n');
            it.remove();
        }
        inFlight = true;
        influx.write(Buffer.buffer(body.toString())).onComplete(done -> {
            inFlight = false;
            WriteOutcome outcome = done.succeeded() ? done.result() : null;
            if (outcome != null && (outcome.isOk() || outcome.kind() == WriteOutcome.Kind.BAD_DATA)) {
                if (!outcome.isOk()) {
                    LOG.error("State: InfluxDB refused transition points: {}", outcome.detail());
                }
                retryMs = 0;
                written();
                flush();
            } else {
                requeue(batch);
                retryMs = retryMs == 0 ? RETRY_MIN_MS : Math.min(RETRY_MAX_MS, retryMs * 2);
                vertx.setTimer(retryMs, id -> flush());
            }
        });
    }

    /** Puts a failed batch back in front, except points queued again since (their newer value wins). */
    private void requeue(LinkedHashMap<Key, String> batch) {
        LinkedHashMap<Key, String> merged = new LinkedHashMap<>();
        for (Map.Entry<Key, String> entry : batch.entrySet()) {
            if (!queue.containsKey(entry.getKey())) {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        merged.putAll(queue);
        queue = merged;
    }

    private void written() {
        if (queue.isEmpty() && lost == 0) {
            pendingFrom = Long.MAX_VALUE;
        }
        if (queue.isEmpty()) {
            List<Promise<Void>> waiting = new ArrayList<>(drained);
            drained.clear();
            waiting.forEach(Promise::complete);
        }
    }
}

package vn.commune.telemetry.service.storage;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.support.ThrottledLog;

/**
 * The bound on points held in memory ({@code maxBufferedPoints}). A write call is taken while there is room (one call
 * may overshoot the bound by its own size); otherwise it waits, first come first served, and its Future stays pending:
 * that is the back-pressure the ingest path passes on to the broker by holding its acks. Counts every episode and
 * logs at WARN (at most once a minute) when one lasts longer than a second. Confined to the writer's context.
 */
final class MemoryBudget {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
    private static final Duration LOG_AFTER = Duration.ofSeconds(1);

    /** A write call waiting for room. */
    private record Waiting(PendingWrite write, List<String> lines) {
    }

    private final Vertx vertx;
    private final int maxPoints;
    private final StorageMetrics metrics;
    private final BiConsumer<PendingWrite, List<String>> take;
    private final Supplier<String> situation;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private volatile int waitingCount;
    private volatile long used;
    private volatile boolean backPressured;
    private long episode;
    private boolean episodeLogged;
    private final ThrottledLog throttle = ThrottledLog.perMinute();

    /**
     * @param take what to do with a call that got room (its points are counted before)
     * @param situation a description of the spool and InfluxDB for the back-pressure log line
     */
    MemoryBudget(Vertx vertx, int maxPoints, StorageMetrics metrics, BiConsumer<PendingWrite, List<String>> take,
            Supplier<String> situation) {
        this.vertx = vertx;
        this.maxPoints = maxPoints;
        this.metrics = metrics;
        this.take = take;
        this.situation = situation;
    }

    /** Takes the call now if there is room and nobody waits, otherwise makes it wait. */
    void admit(PendingWrite write, List<String> lines) {
        if (waiting.isEmpty() && used < maxPoints) {
            used += lines.size();
            take.accept(write, lines);
        } else {
            waiting.add(new Waiting(write, lines));
            waitingCount = waiting.size();
            enterBackPressure();
        }
    }

    /** Points left memory (durable or given up): takes waiting calls while there is room. */
    void release(int points) {
        used -= points;
        while (!waiting.isEmpty() && used < maxPoints) {
            Waiting next = waiting.poll();
            used += next.lines().size();
            take.accept(next.write(), next.lines());
        }
        waitingCount = waiting.size();
        if (waiting.isEmpty()) {
            leaveBackPressure();
        }
    }

    /** Takes every waiting call regardless of the bound (closing: they are flushed like the rest). */
    void admitAll() {
        while (!waiting.isEmpty()) {
            Waiting next = waiting.poll();
            used += next.lines().size();
            take.accept(next.write(), next.lines());
        }
        waitingCount = 0;
        leaveBackPressure();
    }

    /** Fails every waiting call. */
    void failWaiting(Throwable cause) {
        waiting.forEach(w -> w.write().fail(cause));
        waiting.clear();
        waitingCount = 0;
        leaveBackPressure();
    }

    /** Write calls waiting for room (sampled by metrics from any thread). */
    long waiting() {
        return waitingCount;
    }

    long used() {
        return used;
    }

    boolean backPressured() {
        return backPressured;
    }

    private void enterBackPressure() {
        if (backPressured) {
            return;
        }
        backPressured = true;
        episodeLogged = false;
        long current = ++episode;
        metrics.backPressureEntered();
        vertx.setTimer(LOG_AFTER.toMillis(), id -> {
            if (backPressured && episode == current && throttle.due()) {
                episodeLogged = true;
                LOG.warn("storage is full: {} points in memory (max {}), {}, {} write calls waiting; their MQTT acks "
                        + "are held back until room frees", used, maxPoints, situation.get(), waiting.size());
            }
        });
    }

    private void leaveBackPressure() {
        if (!backPressured) {
            return;
        }
        backPressured = false;
        if (episodeLogged) {
            LOG.info("storage has room again: {} points in memory", used);
        }
    }
}

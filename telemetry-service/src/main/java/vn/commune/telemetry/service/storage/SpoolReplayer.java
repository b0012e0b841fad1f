package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.support.Backoff;

/**
 * Drains the spool oldest first, one record at a time under an in-flight permit. While InfluxDB does not take writes
 * the replayer is the only one to try it, with exponential backoff from {@code retryMin} to {@code retryMax} (plus a
 * little jitter), or after the server's {@code Retry-After}: the oldest record is the probe, or a ping when the spool
 * is empty. A record is acknowledged (and its segment deleted once all its records are) only after it is written.
 * Confined to the writer's context.
 */
final class SpoolReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolReplayer.class);
    private static final long IDLE = -1;

    private final Vertx vertx;
    private final DiskSpool spool;
    private final BatchDelivery delivery;
    private final InFlightLimiter limiter;
    private final InfluxHttpClient client;
    private final Reachability reachability;
    private final Runnable onProgress;
    private final Backoff backoff;
    private SpoolRecord current;
    private List<String> currentRemaining;
    private boolean busy;
    private boolean stopped;
    private long timer = -1;
    private Promise<Void> whenStopped;

    SpoolReplayer(Vertx vertx, DiskSpool spool, BatchDelivery delivery, InFlightLimiter limiter,
            InfluxHttpClient client, Reachability reachability, StorageConfig config, Runnable onProgress) {
        this.vertx = vertx;
        this.spool = spool;
        this.delivery = delivery;
        this.limiter = limiter;
        this.client = client;
        this.reachability = reachability;
        this.onProgress = onProgress;
        this.backoff = new Backoff(config.retryMin(), config.retryMax());
    }

    /** Pings InfluxDB once, then replays the spool (at once when InfluxDB answered, after a backoff otherwise). */
    Future<Void> start() {
        busy = true;
        return probe().onComplete(delay -> {
            busy = false;
            schedule(delay.result());
        }).mapEmpty();
    }

    /** There may be work: a record was spooled, or InfluxDB stopped taking writes. */
    void wake() {
        if (busy || timer >= 0 || stopped) {
            return;
        }
        if (reachability.isReachable()) {
            step();
        } else {
            schedule(nextBackoff(reachability.lastFailure()));
        }
    }

    /** Stops after the attempt under way; what is not replayed stays in the spool. */
    Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (!busy) {
            return Future.succeededFuture();
        }
        whenStopped = Promise.promise();
        return whenStopped.future();
    }

    private void step() {
        busy = true;
        Future<SpoolRecord> next = current != null ? Future.succeededFuture(current) : spool.peek();
        next.compose(record -> record == null ? probeIfUnreachable() : replay(record))
                .otherwise(failure -> {
                    LOG.warn("spool replay failed: {}; trying again", failure.toString());
                    return nextBackoff(null);
                })
                .onComplete(delay -> {
                    busy = false;
                    schedule(delay.result());
                });
    }

    private void schedule(long delayMillis) {
        if (stopped) {
            if (whenStopped != null) {
                whenStopped.tryComplete();
            }
            return;
        }
        if (delayMillis == 0) {
            step();
        } else if (delayMillis > 0) {
            timer = vertx.setTimer(delayMillis, id -> {
                timer = -1;
                step();
            });
        }
    }

    private Future<Long> probeIfUnreachable() {
        return reachability.isReachable() ? Future.succeededFuture(IDLE) : probe();
    }

    private Future<Long> probe() {
        return client.ping().map(pong -> {
            backoff.reset();
            reachability.reachable();
            return 0L;
        }).otherwise(failure -> {
            int status = failure instanceof InfluxQueryException query ? query.status() : 0;
            reachability.unreachable(new WriteOutcome(WriteOutcome.Kind.RETRY, status, failure.getMessage(), null));
            return nextBackoff(null);
        });
    }

    private Future<Long> replay(SpoolRecord record) {
        if (current != record) {
            current = record;
            currentRemaining = record.lines();
        }
        return limiter.acquire()
                .compose(permit -> delivery.deliver(currentRemaining, record.receivedAt()))
                .andThen(done -> {
                    if (done.succeeded() && done.result().isDelivered()) {
                        reachability.reachable();
                    } else if (done.succeeded()) {
                        reachability.unreachable(done.result().failure());
                    }
                    limiter.release();
                })
                .compose(result -> {
                    if (result.isDelivered()) {
                        return spool.ack(record).map(acked -> {
                            current = null;
                            currentRemaining = null;
                            backoff.reset();
                            onProgress.run();
                            return 0L;
                        });
                    }
                    currentRemaining = result.remaining();
                    if (InfluxAnswers.isMissingDatabase(result.failure())) {
                        client.ensureDatabase()
                                .onFailure(e -> LOG.debug("cannot create the database: {}", e.toString()));
                    }
                    return Future.succeededFuture(nextBackoff(result.failure()));
                });
    }

    private long nextBackoff(WriteOutcome failure) {
        return backoff.next(failure == null ? null : failure.retryAfter());
    }

}

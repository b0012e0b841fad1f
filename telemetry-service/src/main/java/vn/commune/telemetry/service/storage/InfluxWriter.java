package vn.commune.telemetry.service.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.support.ThrottledLog;

/**
 * The durable path from line protocol to InfluxDB. Points are batched ({@code batchSize}, {@code linger}) and written
 * with at most {@code maxInFlight} HTTP writes at once; while InfluxDB does not take them they go to the on-disk
 * {@link DiskSpool}, which the {@link SpoolReplayer} drains oldest first once it does. A caller's Future completes when
 * all its lines are durable (written, spooled and fsynced, or dead-lettered as bad data).
 *
 * <p>Ordering: once InfluxDB takes writes again, new batches go to it directly while the replayer drains the spool
 * beside them (sharing the in-flight permits), so fresh data is not held behind an outage's backlog. This is safe
 * because a point is identified by series and timestamp: a replayed point lands where it belongs and overwrites only
 * itself. Only two different values for the same series and timestamp could be reordered, which devices do not send.
 *
 * <p>Back-pressure: at most {@code maxBufferedPoints} points are held in memory. While InfluxDB takes writes, however
 * slowly, batches wait for a permit and, once memory is full, further {@link #write} calls wait (their Futures stay
 * pending, nothing is dropped): the ingest path then holds back its MQTT acks and the broker keeps the rest. The spool
 * is for outages: while InfluxDB does not take writes, batches go to the spool; when the spool is full too, calls wait
 * the same way until replay or InfluxDB frees room.
 *
 * <p>All state lives on the context the writer was created on; {@link #write} may be called from any thread.
 */
public final class InfluxWriter implements PointSink, StorageGauges {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private final Vertx vertx;
    private final Context context;
    private final StorageConfig config;
    private final StorageMetrics metrics;
    private final WorkerExecutor worker;
    private final DiskSpool spool;
    private final DeadLetterFile deadLetters;
    private final BatchDelivery delivery;
    private final InFlightLimiter limiter;
    private final Reachability reachability;
    private final SpoolReplayer replayer;
    private final BatchAccumulator accumulator;
    private final MemoryBudget memory;
    private final boolean ordered;
    private int spoolAppends;
    private final Deque<Batch> ready = new ArrayDeque<>();
    private long spoolBlockedUntil;
    private final ThrottledLog spoolErrors = ThrottledLog.perMinute();
    private State state = State.NEW;
    private Promise<Void> drained;
    private final List<Promise<Void>> spoolEmptied = new ArrayList<>();
    private Future<Void> closed;

    /** A writer bound to the current Vert.x context (or a new one); call {@link #start()} before writing. */
    public InfluxWriter(Vertx vertx, InfluxHttpClient client, StorageConfig config, StorageMetrics metrics) {
        this(vertx, client, config, metrics, false);
    }

    /**
     * A writer that keeps its batches in order end to end, for points that are written more than once with
     * different values (a transition later retracted, a run marker moved on): one HTTP write at a time, and while
     * anything of it waits in the spool, new batches go to the spool behind it rather than overtaking it.
     */
    public static InfluxWriter ordered(Vertx vertx, InfluxHttpClient client, StorageConfig config,
            StorageMetrics metrics) {
        if (config.maxInFlight() != 1) {
            throw new IllegalArgumentException("an ordered writer needs maxInFlight 1, not " + config.maxInFlight());
        }
        return new InfluxWriter(vertx, client, config, metrics, true);
    }

    private InfluxWriter(Vertx vertx, InfluxHttpClient client, StorageConfig config, StorageMetrics metrics,
            boolean ordered) {
        this.ordered = ordered;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.metrics = metrics;
        this.worker = vertx.createSharedWorkerExecutor("ct-storage-io-" + INSTANCES.incrementAndGet(), 1, 5,
                TimeUnit.MINUTES);
        this.spool = new DiskSpool(config.spoolDir(), config.spoolMaxBytes(), worker, metrics);
        this.deadLetters = new DeadLetterFile(config.deadLetterFile(), DeadLetterFile.DEFAULT_MAX_BYTES, worker);
        this.delivery = new BatchDelivery(client, deadLetters, metrics);
        this.limiter = new InFlightLimiter(config.maxInFlight(), this::dispatch);
        this.reachability = new Reachability(config.influxUrl(), this::dispatch, this::wakeReplayer);
        this.replayer = new SpoolReplayer(vertx, spool, delivery, limiter, client, reachability, config,
                this::dispatch);
        this.accumulator = new BatchAccumulator(vertx, config.batchSize(), config.linger(), this::sealed);
        this.memory = new MemoryBudget(vertx, config.maxBufferedPoints(), metrics, accumulator::add,
                () -> "spool " + spool.bytes() + " of " + spool.maxBytes() + " bytes, InfluxDB "
                        + (reachability.isReachable() ? "takes writes" : "does not take writes"));
        metrics.bindGauges(this);
    }

    /** Opens the spool (creating its directory), pings InfluxDB and starts replaying what a previous run left. */
    public Future<Void> start() {
        return onContext(() -> {
            if (state != State.NEW) {
                return Future.failedFuture(new IllegalStateException("InfluxWriter already started"));
            }
            return spool.open().compose(opened -> replayer.start()).onSuccess(started -> {
                state = State.RUNNING;
                LOG.info("storage writes to {} database '{}', spool {} (max {} bytes)", config.influxUrl(),
                        config.database(), config.spoolDir(), config.spoolMaxBytes());
                dispatch();
            });
        });
    }

    @Override
    public Future<Void> write(List<String> lines) {
        if (lines.isEmpty()) {
            return Future.succeededFuture();
        }
        PendingWrite write = new PendingWrite(lines.size());
        if (Vertx.currentContext() == context) {
            admit(write, lines);
        } else {
            List<String> copy = List.copyOf(lines);
            context.runOnContext(v -> admit(write, copy));
        }
        return write.future();
    }

    /**
     * Completes once nothing waits in the spool (at once when it is empty): everything written so far is then in
     * InfluxDB (or, refused, in the dead-letter file). Never fails; stays pending while InfluxDB takes no writes.
     */
    public Future<Void> spoolEmpty() {
        return onContext(() -> {
            if (spoolEmptyNow()) {
                return Future.succeededFuture();
            }
            Promise<Void> promise = Promise.promise();
            spoolEmptied.add(promise);
            return promise.future();
        });
    }

    private boolean spoolEmptyNow() {
        return spoolAppends == 0 && spool.records() == 0;
    }

    /** Writes or spools what is buffered, stops the replayer and closes the files. Later writes fail. */
    public Future<Void> close() {
        return onContext(() -> {
            if (closed != null) {
                return closed;
            }
            if (state != State.RUNNING) {
                // never started: nothing can be made durable, so the callers learn it and keep their MQTT acks
                memory.failWaiting(new IllegalStateException("InfluxWriter closed before start"));
                accumulator.flush();
                ready.forEach(batch -> batch.failed(new IllegalStateException("InfluxWriter closed before start")));
                ready.clear();
                state = State.CLOSED;
                closed = worker.close();
                return closed;
            }
            state = State.CLOSING;
            memory.admitAll();
            closed = replayer.stop()
                    .compose(stopped -> {
                        accumulator.flush();
                        dispatch();
                        return whenDrained();
                    })
                    .compose(flushed -> spool.close())
                    .compose(spoolClosed -> deadLetters.close())
                    .eventually(() -> worker.close())
                    .onComplete(done -> state = State.CLOSED);
            return closed;
        });
    }

    private void admit(PendingWrite write, List<String> lines) {
        if (state == State.CLOSING || state == State.CLOSED) {
            write.fail(new IllegalStateException("InfluxWriter is closed"));
        } else {
            memory.admit(write, lines);
        }
    }

    private void sealed(Batch batch) {
        ready.add(batch);
        dispatch();
    }

    /** Moves ready batches on: to InfluxDB when it takes writes and a permit is free, else to the spool if needed. */
    private void dispatch() {
        if (state == State.NEW || state == State.CLOSED) {
            return;
        }
        if (!spoolEmptied.isEmpty() && spoolEmptyNow()) {
            List<Promise<Void>> waiting = new ArrayList<>(spoolEmptied);
            spoolEmptied.clear();
            waiting.forEach(Promise::tryComplete);
        }
        while (!ready.isEmpty()) {
            Batch batch = ready.peek();
            // ordered: nothing overtakes what waits in the spool (or is on its way there)
            boolean behindSpool = ordered && (spoolAppends > 0 || spool.records() > 0);
            if (!behindSpool && reachability.isReachable() && limiter.tryAcquire()) {
                ready.poll();
                sendLive(batch);
                continue;
            }
            // The spool is for outages only: while InfluxDB takes writes, however slowly, a batch waits for a
            // permit and the memory bound makes callers wait (their MQTT acks held back), rather than paying for an
            // fsynced append now and a replay later, which would only slow InfluxDB down further.
            boolean spill = !reachability.isReachable() || behindSpool;
            if (spill && System.currentTimeMillis() >= spoolBlockedUntil
                    && (state == State.CLOSING || spool.hasRoomFor(batch.spoolPayload().length))) {
                ready.poll();
                spoolBatch(batch);
                continue;
            }
            break;
        }
    }

    private void sendLive(Batch batch) {
        delivery.deliver(batch.pending(), batch.receivedAt()).onComplete(delivered -> {
            BatchDelivery.Result result = delivered.succeeded() ? delivered.result()
                    : new BatchDelivery.Result(batch.pending(), new WriteOutcome(WriteOutcome.Kind.RETRY, 0,
                            delivered.cause().toString(), null), 0, 0);
            if (result.isDelivered()) {
                reachability.reachable();
                durable(batch);
            } else {
                batch.retain(result.remaining());
                reachability.unreachable(result.failure());
                ready.addFirst(batch);
            }
            limiter.release();
            dispatch();
        });
    }

    private void spoolBatch(Batch batch) {
        spoolAppends++;
        spool.append(batch.spoolPayload()).onComplete(appended -> {
            spoolAppends--;
            if (appended.succeeded()) {
                durable(batch);
                replayer.wake();
                return;
            }
            if (state == State.CLOSING && !reachability.isReachable()) {
                LOG.error("cannot spool {} points while closing ({}); their writers are failed and the broker will "
                        + "deliver them again", batch.pending().size(), appended.cause().toString());
                released(batch);
                batch.failed(appended.cause());
                return;
            }
            long retry = config.retryMin().toMillis();
            if (spoolErrors.due()) {
                LOG.error("cannot append to the spool in {} ({}); keeping batches in memory and trying again every {} "
                        + "ms (logged once a minute)", config.spoolDir(), appended.cause().toString(), retry);
            }
            spoolBlockedUntil = System.currentTimeMillis() + retry;
            ready.addFirst(batch);
            vertx.setTimer(retry, id -> dispatch());
        });
    }

    private void durable(Batch batch) {
        released(batch);
        batch.completed();
    }

    private void released(Batch batch) {
        memory.release(batch.size());
        if (drained != null && memory.used() == 0) {
            // on a later turn of the event loop: close goes on only after this batch's callers are told
            Promise<Void> flushed = drained;
            context.runOnContext(v -> flushed.tryComplete());
        }
    }

    private Future<Void> whenDrained() {
        if (memory.used() == 0) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        return drained.future();
    }

    private void wakeReplayer() {
        replayer.wake();
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** Points InfluxDB accepted so far, live and replayed from the spool; on the context. */
    public long pointsWritten() {
        return delivery.written();
    }

    @Override
    public long spooledBytes() {
        return spool.bytes();
    }

    @Override
    public long spooledBatches() {
        return spool.records();
    }

    @Override
    public boolean influxReachable() {
        return reachability.isReachable();
    }

    @Override
    public long bufferedPoints() {
        return memory.used();
    }

    @Override
    public boolean backPressured() {
        return memory.backPressured();
    }

    @Override
    public long waitingWrites() {
        return memory.waiting();
    }

    /** The most HTTP writes that were in flight at once. */
    int maxInFlightSeen() {
        return limiter.maxInFlightSeen();
    }

    /** Group commits of the spool so far. */
    long spoolSyncs() {
        return spool.syncs();
    }
}

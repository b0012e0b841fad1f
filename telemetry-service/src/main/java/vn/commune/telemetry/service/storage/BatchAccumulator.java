package vn.commune.telemetry.service.storage;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Gathers callers' lines into batches of {@code batchSize} points; a partly filled batch is sealed when it has waited
 * {@code linger} and could leave at once ({@code canLeave}): while every write is busy, sealing it would only queue a
 * small batch behind the others, so it goes on filling up to {@code batchSize} and is sealed, once overdue, as soon as
 * it could leave ({@link #flushIfOverdue}). Batches are thus small when InfluxDB keeps up (low latency) and full when
 * it does not (fewer, larger writes, which InfluxDB takes at a lower cost per point). A caller's lines may end up in
 * several batches. Confined to the writer's context (its timers fire there).
 */
final class BatchAccumulator {

    private final Vertx vertx;
    private final int batchSize;
    private final long lingerMillis;
    private final Consumer<Batch> sealed;
    private final BooleanSupplier canLeave;
    private Batch open;
    private long lingerTimer = -1;
    private boolean overdue;

    /** An accumulator that seals a lingering batch whenever its linger time is up. */
    BatchAccumulator(Vertx vertx, int batchSize, Duration linger, Consumer<Batch> sealed) {
        this(vertx, batchSize, linger, sealed, () -> true);
    }

    /**
     * @param canLeave whether a sealed batch would leave at once (a write permit is free, or it would go to the spool)
     */
    BatchAccumulator(Vertx vertx, int batchSize, Duration linger, Consumer<Batch> sealed, BooleanSupplier canLeave) {
        this.vertx = vertx;
        this.batchSize = batchSize;
        this.lingerMillis = linger.toMillis();
        this.sealed = sealed;
        this.canLeave = canLeave;
    }

    /** Adds a caller's lines; hands every batch that fills up to the consumer. */
    void add(PendingWrite write, List<String> lines) {
        int offset = 0;
        while (offset < lines.size()) {
            if (open == null) {
                open = new Batch(System.currentTimeMillis(), Math.min(batchSize, lines.size() - offset));
                if (lingerMillis > 0) {
                    Batch lingering = open;
                    lingerTimer = vertx.setTimer(lingerMillis, id -> {
                        if (open == lingering) {
                            lingerTimer = -1;
                            overdue = true;
                            flushIfOverdue();
                        }
                    });
                }
            }
            int take = Math.min(batchSize - open.size(), lines.size() - offset);
            open.add(write, offset == 0 && take == lines.size() ? lines : lines.subList(offset, offset + take));
            offset += take;
            if (open.size() >= batchSize) {
                flush();
            }
        }
        if (lingerMillis <= 0) {
            flush();
        }
    }

    /** Seals the open batch if it has lingered long enough and could leave at once. */
    void flushIfOverdue() {
        if (overdue && open != null && canLeave.getAsBoolean()) {
            flush();
        }
    }

    /** Seals the open batch now, if there is one. */
    void flush() {
        if (open == null) {
            return;
        }
        Batch batch = open;
        open = null;
        overdue = false;
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
        sealed.accept(batch);
    }

    /** Points in the open batch. */
    int openPoints() {
        return open == null ? 0 : open.size();
    }
}

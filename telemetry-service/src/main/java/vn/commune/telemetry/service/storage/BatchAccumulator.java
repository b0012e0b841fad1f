package vn.commune.telemetry.service.storage;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers callers' lines into batches of {@code batchSize} points; a partly filled batch is sealed when it has waited
 * {@code linger}. A caller's lines may end up in several batches. Confined to the writer's context (its timers fire
 * there).
 */
final class BatchAccumulator {

    private final Vertx vertx;
    private final int batchSize;
    private final long lingerMillis;
    private final Consumer<Batch> sealed;
    private Batch open;
    private long lingerTimer = -1;

    BatchAccumulator(Vertx vertx, int batchSize, Duration linger, Consumer<Batch> sealed) {
        this.vertx = vertx;
        this.batchSize = batchSize;
        this.lingerMillis = linger.toMillis();
        this.sealed = sealed;
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
                            flush();
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

    /** Seals the open batch now, if there is one. */
    void flush() {
        if (open == null) {
            return;
        }
        Batch batch = open;
        open = null;
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

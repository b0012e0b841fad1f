package vn.commune.telemetry.service.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch to InfluxDB, for live batches and spool replay alike. A 400/422 (bad data) or 413 (too large)
 * answer splits the batch in halves, recursively, until the bad lines stand alone; those go to the dead-letter file
 * with InfluxDB's reason, the good ones are written, and the batch counts as delivered. A RETRY answer stops the
 * delivery and hands back the lines not yet written. Sub-requests run one after another, under the one in-flight
 * permit of the batch.
 */
final class BatchDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);
    /** Bytes per piece of a request body: below half of a G1 region (1 MiB at the default heap). */
    static final int BODY_CHUNK = 256 * 1024;

    /**
     * What became of a batch.
     *
     * @param remaining lines still to be written when {@code failure} is set; empty when delivered
     * @param failure the RETRY answer that stopped the delivery; null when every line was written or dead-lettered
     * @param written points InfluxDB accepted
     * @param deadLettered points recorded as dead letters
     */
    record Result(List<String> remaining, WriteOutcome failure, int written, int deadLettered) {

        static Result delivered(int written, int deadLettered) {
            return new Result(List.of(), null, written, deadLettered);
        }

        boolean isDelivered() {
            return failure == null;
        }

        Result then(Result next) {
            return new Result(next.remaining, next.failure, written + next.written, deadLettered + next.deadLettered);
        }
    }

    private final InfluxHttpClient client;
    private final DeadLetterFile deadLetters;
    private final StorageMetrics metrics;
    /** Points InfluxDB accepted so far; written and read on the context. */
    private long written;

    BatchDelivery(InfluxHttpClient client, DeadLetterFile deadLetters, StorageMetrics metrics) {
        this.client = client;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Points InfluxDB accepted so far, live and replayed. */
    long written() {
        return written;
    }

    /** Writes the lines, isolating bad ones; never fails (transport problems come back as a RETRY result). */
    Future<Result> deliver(List<String> lines, long receivedAt) {
        List<DeadLetterFile.DeadLetter> letters = new ArrayList<>();
        return send(lines, receivedAt, letters)
                .compose(result -> letters.isEmpty() ? Future.succeededFuture(result) : record(letters).map(result));
    }

    private Future<Result> send(List<String> lines, long receivedAt, List<DeadLetterFile.DeadLetter> letters) {
        long start = System.nanoTime();
        return client.write(body(lines)).compose(outcome -> {
            metrics.writeLatency(Duration.ofNanos(System.nanoTime() - start),
                    outcome.kind().name().toLowerCase(Locale.ROOT));
            metrics.batchSize(lines.size());
            switch (outcome.kind()) {
                case OK:
                    metrics.pointsWritten(lines.size());
                    written += lines.size();
                    return Future.succeededFuture(Result.delivered(lines.size(), 0));
                case RETRY:
                    metrics.writeRetry(outcome.retryReason());
                    return Future.succeededFuture(new Result(lines, outcome, 0, 0));
                default:
                    if (lines.size() == 1) {
                        letters.add(new DeadLetterFile.DeadLetter(receivedAt, reason(outcome), lines.get(0)));
                        return Future.succeededFuture(Result.delivered(0, 1));
                    }
                    return split(lines, receivedAt, letters);
            }
        });
    }

    private Future<Result> split(List<String> lines, long receivedAt, List<DeadLetterFile.DeadLetter> letters) {
        int middle = lines.size() / 2;
        List<String> left = lines.subList(0, middle);
        List<String> right = lines.subList(middle, lines.size());
        return send(left, receivedAt, letters).compose(first -> {
            if (!first.isDelivered()) {
                List<String> remaining = new ArrayList<>(first.remaining().size() + right.size());
                remaining.addAll(first.remaining());
                remaining.addAll(right);
                return Future.succeededFuture(new Result(remaining, first.failure(), first.written(),
                        first.deadLettered()));
            }
            return send(right, receivedAt, letters).map(first::then);
        });
    }

    /**
     * The request body: the lines joined by newlines, encoded as UTF-8 straight into chunks of {@link #BODY_CHUNK}
     * bytes, sent one after another ({@link BodyChunks}): no joined String in between, and no one array of the batch's
     * size (a batch of thousands of lines is megabytes, which G1 allocates as a humongous object).
     */
    static List<Buffer> body(List<String> lines) {
        List<Buffer> chunks = new ArrayList<>();
        ByteBuf chunk = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int most = ByteBufUtil.utf8MaxBytes(line) + 1;
            if (chunk == null || chunk.writableBytes() < most) {
                if (chunk != null) {
                    chunks.add(BufferInternal.buffer(chunk));
                }
                chunk = Unpooled.buffer(Math.max(BODY_CHUNK, most));
            }
            if (i > 0) {
                chunk.writeByte('\n');
            }
            ByteBufUtil.writeUtf8(chunk, line);
        }
        if (chunk != null) {
            chunks.add(BufferInternal.buffer(chunk));
        }
        return chunks;
    }

    private static String reason(WriteOutcome outcome) {
        if (outcome.kind() == WriteOutcome.Kind.SPLIT) {
            return "HTTP 413: the point alone is larger than InfluxDB accepts (" + outcome.detail() + ")";
        }
        return outcome.detail();
    }

    private Future<Void> record(List<DeadLetterFile.DeadLetter> letters) {
        return deadLetters.append(letters).onSuccess(done -> {
            metrics.deadLetters(letters.size());
            LOG.debug("{} point(s) rejected by InfluxDB recorded in {}, first: {}", letters.size(),
                    deadLetters.path(), letters.get(0).reason());
        }).recover(failure -> {
            // the stream must not stall on a broken dead-letter file: the points are logged here instead
            metrics.deadLetters(letters.size());
            for (DeadLetterFile.DeadLetter letter : letters) {
                LOG.error("cannot record a dead letter in {} ({}); rejected point: reason '{}', line '{}'",
                        deadLetters.path(), failure.toString(), letter.reason(), letter.line());
            }
            return Future.succeededFuture();
        });
    }
}

package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a response body as the chunks it arrived in, for answers of tens of megabytes (the month of transitions at
 * start-up): appending them to one growing buffer on the event loop copies the whole body again at each doubling,
 * which held the loop for over 100 ms; {@link #bytes()} joins them once, on a worker.
 */
final class ChunkCollector implements WriteStream<Buffer> {

    private final List<Buffer> chunks = new ArrayList<>();
    private long size;

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        chunks.add(data);
        size += data.length();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }

    /** The whole body, joined into one array (call it off the event loop): one copy of each chunk. */
    byte[] bytes() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new InfluxQueryException(0, "InfluxDB answered with more than 2 GB");
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (Buffer chunk : chunks) {
            chunk.getBytes(0, chunk.length(), all, at);
            at += chunk.length();
        }
        return all;
    }
}

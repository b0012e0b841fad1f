package vn.commune.telemetry.service.storage;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * A request body already in memory, handed to the HTTP client one chunk after another as the connection takes them.
 *
 * <p>Sent as one {@link Buffer} over several chunks (a composite), a body is merged back into one array on its way to
 * the socket: Netty copies a heap buffer into direct memory through {@code nioBuffer()}, which for a composite
 * allocates and fills an array of the whole length, megabytes for a batch of thousands of lines, allocated by G1 as a
 * humongous object outside the young generation (each one can start a concurrent cycle). Given as a stream, each
 * chunk is its own write and is copied as it is. Everything runs on the context given, the one of the request.
 */
final class BodyChunks implements ReadStream<Buffer> {

    private final Context context;
    private final List<Buffer> chunks;
    private int next;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean ended;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    BodyChunks(Context context, List<Buffer> chunks) {
        this.context = context;
        this.chunks = List.copyOf(chunks);
    }

    /** The body's length in bytes, for the {@code Content-Length} header. */
    long length() {
        long length = 0;
        for (Buffer chunk : chunks) {
            length += chunk.length();
        }
        return length;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        // the chunks are in memory: reading them cannot fail
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        schedule();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (amount > 0) {
            demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
            schedule();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        schedule();
        return this;
    }

    /** Emits later on the context, never from inside the caller's {@code handler}, {@code fetch} or {@code resume}. */
    private void schedule() {
        if (!scheduled && !ended && demand > 0 && handler != null) {
            scheduled = true;
            context.runOnContext(ignored -> emit());
        }
    }

    private void emit() {
        scheduled = false;
        while (demand > 0 && handler != null && next < chunks.size()) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            handler.handle(chunks.get(next++));
        }
        if (next == chunks.size() && !ended && handler != null && endHandler != null) {
            ended = true;
            endHandler.handle(null);
        }
    }
}

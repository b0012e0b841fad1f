package vn.commune.telemetry.service.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A socket's output that sends at most one write a {@link #WINDOW_NANOS window}: a flush after a quiet window goes out
 * at once, and flushes that follow it within the window go out together when the window ends.
 *
 * <p>Paho's sender thread writes and flushes every packet on its own. The service acknowledges a stored batch of
 * thousands of messages at once, so Paho made one system call (and one TCP segment for the broker to read) per
 * acknowledgement: under load a fifth of Paho's CPU, and most of its kernel time. Here a burst of acknowledgements
 * leaves in a handful of writes, each at most a millisecond late, while a lone packet (a district's usual rate, a
 * ping, a subscription) still leaves at once.
 *
 * <p>The deferred write runs on {@code flusher}. Should it fail, the next write, flush or close here throws its
 * exception, so Paho learns that the connection is lost as it would have from its own write. Closing writes what is
 * pending first (Paho's DISCONNECT is the last thing it writes before closing the socket).
 */
final class CoalescingOutput extends OutputStream {

    /** The shortest time between two writes to the socket. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int BUFFER_BYTES = 16 * 1024;

    private final OutputStream socket;
    private final ScheduledExecutorService flusher;
    private final LongSupplier nanoClock;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    /** A write to the socket waits on {@link #flusher}. */
    private boolean deferred;
    private long lastWrite;
    private IOException failure;
    private boolean closed;

    CoalescingOutput(OutputStream socket, ScheduledExecutorService flusher, LongSupplier nanoClock) {
        this.socket = socket;
        this.flusher = flusher;
        this.nanoClock = nanoClock;
        this.lastWrite = nanoClock.getAsLong() - WINDOW_NANOS;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        usable();
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        usable();
        if (length > buffer.length - count) {
            drain();
        }
        if (length >= buffer.length) {
            // a packet larger than the buffer (a long publish) goes straight out, after what was before it
            socket.write(bytes, offset, length);
            lastWrite = nanoClock.getAsLong();
            return;
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    @Override
    public synchronized void flush() throws IOException {
        usable();
        if (count == 0 || deferred) {
            return; // nothing to send, or the deferred write takes it along
        }
        long sinceLast = nanoClock.getAsLong() - lastWrite;
        if (sinceLast >= WINDOW_NANOS) {
            drain();
            return;
        }
        try {
            flusher.schedule(this::deferredFlush, WINDOW_NANOS - sinceLast, TimeUnit.NANOSECONDS);
            deferred = true;
        } catch (RejectedExecutionException stopped) {
            drain(); // the connection is closing: no more windows
        }
    }

    /** The end of a window: sends what its flushes left. */
    private synchronized void deferredFlush() {
        deferred = false;
        if (closed || failure != null || count == 0) {
            return;
        }
        try {
            drain();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Writes what the buffer holds to the socket, now. */
    private void drain() throws IOException {
        if (count > 0) {
            socket.write(buffer, 0, count);
            socket.flush();
            count = 0;
            lastWrite = nanoClock.getAsLong();
        }
    }

    private void usable() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("socket output closed");
        }
    }

    /** Sends what is pending, if the socket still takes it; for a socket about to close. */
    synchronized void drainQuietly() {
        if (!closed && failure == null) {
            try {
                drain();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                drain();
            }
        } finally {
            closed = true;
            socket.close();
        }
    }
}

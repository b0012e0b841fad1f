package vn.commune.telemetry.service.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho reads each packet's header a byte at a time and its body
 * straight from the socket: one system call per read, a quarter of the service's CPU under load (profiled). Given
 * this factory, Paho reads from a 64 KiB buffer instead. Read time-outs pass through unchanged (Paho relies on them),
 * and the buffer keeps what it read before one. Paho also asks {@code available()} before every packet; the buffer
 * answers that itself while it holds bytes, without asking the socket (an {@code ioctl} per message otherwise).
 * Output goes through {@link CoalescingOutput}: a burst of acknowledgements leaves in a few writes, not one each.
 * {@link BufferedTlsSocketFactory} puts TLS on top of the same sockets. {@link #close()} stops the thread that sends
 * deferred writes, once no connection needs it.
 */
final class BufferedSocketFactory extends SocketFactory implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final LongAdder networkReads = new LongAdder();
    private final ScheduledThreadPoolExecutor flusher = flusher();

    private static ScheduledThreadPoolExecutor flusher() {
        ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mqtt-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.setRemoveOnCancelPolicy(true);
        return flusher;
    }

    /** Stops the flusher after the deferred writes already due; sockets still open then write at once. */
    @Override
    public void close() {
        flusher.shutdown();
    }

    /** Reads that reached the network (each a system call, for up to 64 KiB), over every socket made here. */
    long networkReads() {
        return networkReads.sum();
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket(networkReads, flusher);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote) throws IOException {
        Socket socket = new BufferedSocket(networkReads, flusher);
        socket.connect(remote);
        return socket;
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new BufferedSocket(networkReads, flusher);
        socket.bind(local);
        socket.connect(remote);
        return socket;
    }

    /** A socket whose one input stream is buffered, and whose one output stream coalesces flushes. */
    private static final class BufferedSocket extends Socket {

        private final LongAdder networkReads;
        private final ScheduledExecutorService flusher;
        private InputStream input;
        private CoalescingOutput output;

        BufferedSocket(LongAdder networkReads, ScheduledExecutorService flusher) {
            this.networkReads = networkReads;
            this.flusher = flusher;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new SocketBuffer(new CountedInput(super.getInputStream(), networkReads));
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new CoalescingOutput(super.getOutputStream(), flusher, System::nanoTime);
            }
            return output;
        }

        /** Sends what a deferred write still holds (a DISCONNECT, a last acknowledgement), then closes. */
        @Override
        public void close() throws IOException {
            CoalescingOutput pending;
            synchronized (this) {
                pending = output;
            }
            if (pending != null) {
                pending.drainQuietly();
            }
            super.close();
        }
    }

    /**
     * The buffer over a socket's input. {@code available()} answers from the buffer while it holds bytes (the
     * contract asks for an estimate of what can be read without blocking, and that is one); only an empty buffer asks
     * the socket.
     */
    static final class SocketBuffer extends BufferedInputStream {

        SocketBuffer(InputStream in) {
            super(in, BUFFER_BYTES);
        }

        @Override
        public synchronized int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 && buf != null ? buffered : super.available();
        }
    }

    /** Counts the reads that reach the socket; the buffer above makes them few. */
    private static final class CountedInput extends FilterInputStream {

        private final LongAdder reads;

        CountedInput(InputStream in, LongAdder reads) {
            super(in);
            this.reads = reads;
        }

        @Override
        public int read() throws IOException {
            reads.increment();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads.increment();
            return super.read(b, off, len);
        }
    }
}

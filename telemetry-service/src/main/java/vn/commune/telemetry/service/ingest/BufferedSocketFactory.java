package vn.commune.telemetry.service.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho reads each packet's header a byte at a time and its body
 * straight from the socket: one system call per read, a quarter of the service's CPU under load (profiled). Given
 * this factory, Paho reads from a 64 KiB buffer instead. Read time-outs pass through unchanged (Paho relies on them),
 * and the buffer keeps what it read before one. {@link BufferedTlsSocketFactory} puts TLS on top of the same sockets.
 */
final class BufferedSocketFactory extends SocketFactory {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final LongAdder networkReads = new LongAdder();

    /** Reads that reached the network (each a system call, for up to 64 KiB), over every socket made here. */
    long networkReads() {
        return networkReads.sum();
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket(networkReads);
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
        Socket socket = new BufferedSocket(networkReads);
        socket.connect(remote);
        return socket;
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new BufferedSocket(networkReads);
        socket.bind(local);
        socket.connect(remote);
        return socket;
    }

    /** A socket whose one input stream is buffered. */
    private static final class BufferedSocket extends Socket {

        private final LongAdder networkReads;
        private InputStream input;

        BufferedSocket(LongAdder networkReads) {
            this.networkReads = networkReads;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(new CountedInput(super.getInputStream(), networkReads), BUFFER_BYTES);
            }
            return input;
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

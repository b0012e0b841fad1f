package vn.commune.telemetry.service.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over {@link BufferedSocketFactory}'s buffered sockets. Paho takes the {@code ssl://} path only with an
 * {@link SSLSocketFactory} (it checks the type, and refuses a plain factory), creates an unconnected socket, connects
 * it, then sets SNI and hostname checking and starts the handshake on it as an {@link SSLSocket}. The JDK's TLS
 * socket reads each record in two reads of its network stream (header, then body): without a buffer under it, two
 * system calls per MQTT message. Here the TLS layer reads from the 64 KiB buffer, so one system call brings many
 * records. Only TLS 1.2 and 1.3 are enabled.
 */
final class BufferedTlsSocketFactory extends SSLSocketFactory implements AutoCloseable {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory tls;
    private final BufferedSocketFactory plain = new BufferedSocketFactory();

    BufferedTlsSocketFactory(SSLContext context) {
        this.tls = context.getSocketFactory();
    }

    /** Stops the plain sockets' flusher ({@link BufferedSocketFactory#close()}). */
    @Override
    public void close() {
        plain.close();
    }

    /** Reads that reached the network, over every socket made here. */
    long networkReads() {
        return plain.networkReads();
    }

    /** An unconnected socket: TLS is layered on when it connects (what Paho does). */
    @Override
    public Socket createSocket() {
        return new LayeredTlsSocket(plain.createSocket(), this);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return layer(plain.createSocket(host, port), host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return layer(plain.createSocket(host, port, localHost, localPort), host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return layer(plain.createSocket(host, port), host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return layer(plain.createSocket(address, port, localAddress, localPort), address.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        SSLSocket layered = (SSLSocket) tls.createSocket(socket, host, port, autoClose);
        layered.setEnabledProtocols(PROTOCOLS);
        return layered;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /** TLS over a connected buffered socket, as a client, to {@code host} (for SNI and the hostname check). */
    SSLSocket layer(Socket connected, String host, int port) throws IOException {
        SSLSocket layered = (SSLSocket) createSocket(connected, host, port, true);
        layered.setUseClientMode(true);
        return layered;
    }

    /** The peer's name as given, without a reverse lookup. */
    static String hostOf(InetSocketAddress address) {
        return address.getHostString();
    }
}

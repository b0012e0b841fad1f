package vn.commune.telemetry.service.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The unconnected {@link SSLSocket} that {@link BufferedTlsSocketFactory#createSocket()} returns: until it connects,
 * a buffered plain socket; on {@link #connect}, the JDK's TLS socket layered over it, to which every call then goes.
 * The JDK can only layer TLS over a connected socket, and Paho asks for the socket before connecting it.
 */
final class LayeredTlsSocket extends SSLSocket {

    private final Socket plain;
    private final BufferedTlsSocketFactory factory;
    private volatile SSLSocket tls;

    LayeredTlsSocket(Socket plain, BufferedTlsSocketFactory factory) {
        this.plain = plain;
        this.factory = factory;
    }

    private SSLSocket tls() {
        SSLSocket layered = tls;
        if (layered == null) {
            throw new IllegalStateException("TLS starts when the socket connects");
        }
        return layered;
    }

    /** The socket calls go to: the TLS one once connected (it passes socket options down to the plain one). */
    private Socket socket() {
        SSLSocket layered = tls;
        return layered == null ? plain : layered;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress address)) {
            throw new SocketException("unsupported address type: " + endpoint);
        }
        plain.connect(address, timeout);
        tls = factory.layer(plain, BufferedTlsSocketFactory.hostOf(address), address.getPort());
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        plain.bind(local);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return tls().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return tls().getOutputStream();
    }

    @Override
    public synchronized void close() throws IOException {
        socket().close();
        plain.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket().shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return plain.isConnected();
    }

    @Override
    public boolean isBound() {
        return plain.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket().isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return socket().isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket().isOutputShutdown();
    }

    @Override
    public InetAddress getInetAddress() {
        return plain.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return plain.getLocalAddress();
    }

    @Override
    public int getPort() {
        return plain.getPort();
    }

    @Override
    public int getLocalPort() {
        return plain.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return plain.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return plain.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        plain.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return plain.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        plain.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return plain.getSoLinger();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        plain.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return plain.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        plain.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return plain.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        plain.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return plain.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        plain.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return plain.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int trafficClass) throws SocketException {
        plain.setTrafficClass(trafficClass);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return plain.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        plain.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return plain.getReuseAddress();
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        throw new SocketException("no urgent data over TLS");
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("no urgent data over TLS");
    }

    // TLS: once connected

    @Override
    public String[] getSupportedCipherSuites() {
        return factory.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return tls().getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        tls().setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return tls().getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return tls().getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        tls().setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return tls().getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return tls().getHandshakeSession();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return tls().getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        tls().setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return tls().getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return tls().getHandshakeApplicationProtocol();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls().addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls().removeHandshakeCompletedListener(listener);
    }

    @Override
    public void startHandshake() throws IOException {
        tls().startHandshake();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        tls().setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return tls().getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        tls().setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return tls().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        tls().setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return tls().getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        tls().setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return tls().getEnableSessionCreation();
    }

    @Override
    public String toString() {
        return "LayeredTlsSocket[" + socket() + "]";
    }
}

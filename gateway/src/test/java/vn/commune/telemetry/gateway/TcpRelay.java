package vn.commune.telemetry.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.commune.telemetry.testsupport.FreePorts;

/**
 * The commune's uplink in a test: a TCP relay on a loopback port in front of the district broker. {@link #cut()}
 * drops every connection and refuses new ones (as a 4G link that goes away), {@link #restore()} accepts again.
 * The district broker stays up, so it sees the gateway vanish and publishes its Will.
 */
final class TcpRelay implements AutoCloseable {

    private final int port = FreePorts.next();
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpRelay(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        restore();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread accept = new Thread(() -> accept(socket), "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket inside = socket.accept();
                Socket outside = new Socket(targetHost, targetPort);
                sockets.add(inside);
                sockets.add(outside);
                pipe(inside, outside);
                pipe(outside, inside);
            } catch (IOException e) {
                // closed by cut(), or the broker refused: the client sees its connection fail
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side closed: close the other below
            }
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }, "relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}

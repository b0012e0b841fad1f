package vn.commune.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.testsupport.FreePorts;

/** Devices that cannot speak MQTT, watched by probes: a TCP listener, an HTTP server and an RTSP responder. */
class ProbesIT extends TwoBrokers {

    private static final Duration LONG = Duration.ofSeconds(60);

    /** Verifies that the published states follow the devices going down and up, with statuses while up. */
    @Test
    void publishedStatesFollowTheDevices() throws Exception {
        int tcpPort = FreePorts.next();
        int httpPort = FreePorts.next();
        int rtspPort = FreePorts.next();
        String probes = "probes:\n"
                + probe("wifi-tcp", "wifi", "tcp", "127.0.0.1:" + tcpPort, "")
                + probe("wifi-http", "wifi", "http", "http://127.0.0.1:" + httpPort + "/status",
                "    json-field: state\n    json-equals: ok\n")
                + probe("cam-rtsp", "camera", "rtsp", "127.0.0.1:" + rtspPort, "")
                + probe("cam-ping", "camera", "ping", "127.0.0.1", "");
        GatewayFixture fixture = new GatewayFixture(dir, "gw-probe", local, district, probes);
        AtomicReference<String> httpState = new AtomicReference<>("ok");
        ServerSocket tcp = listen(tcpPort);
        HttpServer http = httpServer(httpPort, httpState);
        RtspResponder rtsp = new RtspResponder(rtspPort);
        try (Collector up = new Collector(district.url(), "collector", "tele/#");
             Gateway gateway = fixture.start()) {
            for (String device : List.of("wifi-tcp", "wifi-http", "cam-rtsp", "cam-ping")) {
                await().atMost(LONG).until(() -> lastState(up, device).contains("\"online\""));
                await().atMost(LONG).until(() -> !up.on("tele/" + device + "/status").isEmpty());
            }
            assertThat(up.on("tele/cam-rtsp/status").get(0).text()).contains("\"kind\":\"camera\"");
            assertThat(up.on("tele/wifi-tcp/state").get(0).retained()).isTrue();

            // down: the listener closes, the HTTP field changes, the RTSP responder stops
            tcp.close();
            httpState.set("degraded");
            rtsp.close();
            for (String device : List.of("wifi-tcp", "wifi-http", "cam-rtsp")) {
                await().atMost(LONG).until(() -> lastState(up, device).contains("\"offline\""));
            }
            assertThat(lastState(up, "cam-ping")).contains("\"online\"");
            assertThat(lastState(up, "wifi-tcp")).contains("\"ts\":");

            // up again
            tcp = listen(tcpPort);
            httpState.set("ok");
            rtsp = new RtspResponder(rtspPort);
            for (String device : List.of("wifi-tcp", "wifi-http", "cam-rtsp")) {
                await().atMost(LONG).until(() -> lastState(up, device).contains("\"online\""));
            }
            // and an HTTP server that is gone altogether
            http.stop(0);
            await().atMost(LONG).until(() -> lastState(up, "wifi-http").contains("\"offline\""));
        } finally {
            tcp.close();
            http.stop(0);
            rtsp.close();
        }
    }

    private static String probe(String device, String kind, String type, String target, String more) {
        return "  - device: " + device + "\n    kind: " + kind + "\n    type: " + type + "\n    target: " + target
                + "\n    interval: PT0.5S\n    timeout: PT0.4S\n" + more;
    }

    private static String lastState(Collector up, String device) {
        List<Collector.Got> states = up.on("tele/" + device + "/state");
        return states.isEmpty() ? "" : states.get(states.size() - 1).text();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private static HttpServer httpServer(int port, AtomicReference<String> state) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/status", exchange -> {
            byte[] body = ("{\"state\":\"" + state.get() + "\",\"clients\":3}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** A minimal RTSP server: answers every OPTIONS with 200 and the methods it supports. */
    private static final class RtspResponder implements AutoCloseable {
        private final ServerSocket server;

        RtspResponder(int port) throws IOException {
            server = listen(port);
            Thread thread = new Thread(this::serve, "rtsp-responder");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    StringBuilder request = new StringBuilder();
                    while (!request.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        request.append((char) b);
                    }
                    String response = request.toString().startsWith("OPTIONS ")
                            ? "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n"
                            : "RTSP/1.0 405 Method Not Allowed\r\nCSeq: 1\r\n\r\n";
                    socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed by the test, or a probe that hung up: serve the next one
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

package vn.commune.telemetry.gateway.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import vn.commune.telemetry.gateway.spool.SpoolLog;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON; 200 when the local broker is connected,
 * 503 otherwise — an uplink that is down is the normal case the gateway exists for, so it is reported, not failed)
 * on a local port, with the JDK's HTTP server on one thread of its own.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    public HealthServer(String host, int port, PrometheusMeterRegistry registry, GatewayMetrics metrics,
            SpoolLog log) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "health-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/metrics", exchange -> {
            if (notGet(exchange)) {
                return;
            }
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        });
        server.createContext("/health", exchange -> {
            if (notGet(exchange)) {
                return;
            }
            boolean local = metrics.isLocalConnected();
            long oldest = log.oldestArrival();
            String body = "{\"status\":\"" + (local ? "up" : "down") + "\""
                    + ",\"local\":" + local
                    + ",\"uplink\":" + metrics.isUplinkConnected()
                    + ",\"spool_depth\":" + log.depth()
                    + ",\"spool_bytes\":" + log.bytes()
                    + ",\"oldest_age_s\":" + (oldest < 0 ? 0 : (System.currentTimeMillis() - oldest) / 1000)
                    + ",\"dropped\":" + log.dropped() + "}";
            respond(exchange, local ? 200 : 503, "application/json", body);
        });
        server.start();
    }

    private static boolean notGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return false;
        }
        respond(exchange, 405, "application/json", "{\"error\":\"method not allowed\",\"detail\":\"use GET\"}");
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

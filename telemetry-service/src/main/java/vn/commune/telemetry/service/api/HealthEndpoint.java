package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import vn.commune.telemetry.service.ingest.MqttConnection;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.InfluxWriter;

/**
 * {@code GET /health}: the process is alive, and how far ingest has come (points InfluxDB accepted so far: a counter
 * read, for a watcher that polls often where a Prometheus scrape would format the whole registry). {@code GET
 * /ready}: broker connected, InfluxDB answering, and no write refused in the last ten minutes for a setting of the
 * database (see {@code DatabaseFaults}).
 */
public final class HealthEndpoint {

    private final MqttConnection mqtt;
    private final InfluxHttpClient influx;
    private final InfluxWriter writer;

    public HealthEndpoint(MqttConnection mqtt, InfluxHttpClient influx, InfluxWriter writer) {
        this.mqtt = mqtt;
        this.influx = influx;
        this.writer = writer;
    }

    public void addRoutes(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
    }

    private void health(RoutingContext ctx) {
        json(ctx, 200, new JsonObject().put("status", "alive").put("points_written", writer.pointsWritten()));
    }

    private void ready(RoutingContext ctx) {
        influx.ping().onComplete(ping -> {
            JsonArray reasons = new JsonArray();
            if (!mqtt.isConnected()) {
                reasons.add("MQTT broker: " + mqtt.lastProblem());
            }
            if (ping.failed()) {
                reasons.add("InfluxDB: " + ping.cause().getMessage());
            }
            influx.faults().current().ifPresent(fault -> reasons.add(fault.describe()));
            JsonObject body = new JsonObject()
                    .put("status", reasons.isEmpty() ? "ready" : "not_ready")
                    .put("mqtt", mqtt.isConnected())
                    .put("influxdb", ping.succeeded())
                    .put("spooled_bytes", writer.spooledBytes());
            if (!reasons.isEmpty()) {
                body.put("reasons", reasons);
            }
            json(ctx, reasons.isEmpty() ? 200 : 503, body);
        });
    }

    /**
     * Answers a large body built and encoded on a worker (a month's report is megabytes: neither building nor
     * encoding it may hold the event loop).
     */
    static void offLoop(RoutingContext ctx, String contentType, Callable<String> body) {
        ctx.vertx().executeBlocking(body, false)
                .onFailure(ctx::fail)
                .onSuccess(text -> ctx.response().setStatusCode(200).putHeader("Content-Type", contentType)
                        .end(text));
    }

    static void json(RoutingContext ctx, int status, Object body) {
        String text = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
                : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
    }
}

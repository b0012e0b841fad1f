package vn.commune.telemetry.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import vn.commune.telemetry.inventory.Inventory;

/** The one wiring point: builds Vert.x with Micrometer metrics and deploys the service with its config. */
public final class Application {

    private final ServiceConfig config;
    private final Inventory inventory;
    private Vertx vertx;
    private TelemetryVerticle verticle;

    public Application(ServiceConfig config, Inventory inventory) {
        this.config = config;
        this.inventory = inventory;
    }

    /** Starts everything; the Future fails when the HTTP port cannot be bound or the spool cannot be opened. */
    public Future<Application> start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true))
                        .setMaxEventLoopExecuteTime(config.maxEventLoopBlock().toMillis())
                        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                        .setWarningExceptionTime(config.maxEventLoopBlock().toMillis())
                        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
                        .setBlockedThreadCheckInterval(Math.max(10, Math.min(1_000,
                                config.maxEventLoopBlock().toMillis() / 2))))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        verticle = new TelemetryVerticle(config, inventory, registry);
        warmUp();
        return vertx.deployVerticle(verticle)
                .map(id -> this)
                .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure)));
    }

    /**
     * Pays once, on this thread, for what the first network buffer costs: Netty's allocator registers its JFR events
     * on first use, which initialises the JVM's flight-recorder metadata (measured: a 200–300 ms block of the event
     * loop when it happened during the verticle's start).
     */
    private static void warmUp() {
        ByteBufAllocator.DEFAULT.directBuffer(64).release();
        ByteBufAllocator.DEFAULT.heapBuffer(64).release();
    }

    /** The HTTP port in use. */
    public int httpPort() {
        return verticle.httpPort();
    }

    /** Stops everything: unacknowledged messages stay with the broker, buffered points go to InfluxDB or spool. */
    public Future<Void> stop() {
        return vertx == null ? Future.succeededFuture() : vertx.close();
    }
}

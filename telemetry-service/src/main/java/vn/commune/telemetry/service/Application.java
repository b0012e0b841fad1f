package vn.commune.telemetry.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.LoggerFactory;
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
        // the first scrape loads the exposition format's classes: here, not on the event loop (116 ms, measured)
        registry.scrape();
        return vertx.deployVerticle(verticle)
                .map(id -> this)
                .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure)));
    }

    /**
     * Pays, off the event loop, for what the first uses of Netty and Vert.x cost: loading and linking their classes
     * (the first HTTP connection built Netty's DNS resolver: a 137 ms block of the event loop, measured) and the
     * first network buffer (Netty's allocator registers its JFR events on first use: 200–300 ms). A throwaway Vert.x
     * instance serves one request to itself on 127.0.0.1; nothing leaves the machine. {@link Main} runs it on a
     * thread of its own while it reads the inventory, and {@link #start} waits for it.
     */
    static void warmUp() {
        loadOwnClasses();
        ByteBufAllocator.DEFAULT.directBuffer(64).release();
        ByteBufAllocator.DEFAULT.heapBuffer(64).release();
        Vertx scratch = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setBlockedThreadCheckInterval(60_000));
        try {
            HttpServer server = scratch.createHttpServer()
                    .requestHandler(request -> request.response().end(new JsonObject().put("warm", true).encode()))
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            WebClient.create(scratch).get(server.actualPort(), "127.0.0.1", "/").send()
                    .map(response -> response.bodyAsJsonObject())
                    .await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(Application.class).debug("warm-up: {}", e.toString());
        } finally {
            try {
                scratch.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LoggerFactory.getLogger(Application.class).debug("warm-up: closing: {}", e.toString());
            }
        }
    }

    /**
     * Loads and initialises the service's own classes from its jar, and with them what their linking needs (the
     * verticle's start loaded hundreds of classes on the event loop: blocks of 117–178 ms, measured). Running from
     * a classes directory (tests), there is nothing to do. No class here has a static initialiser with effects.
     */
    private static void loadOwnClasses() {
        try {
            Path location = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return;
            }
            ClassLoader loader = Application.class.getClassLoader();
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith("vn/commune/telemetry/") && name.endsWith(".class"))
                        .forEach(name -> {
                            try {
                                Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
                            } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
                                // warming only: the class loads when it is used, as it would have anyway
                            }
                        });
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LoggerFactory.getLogger(Application.class).debug("warm-up: cannot list the service's classes: {}",
                    e.toString());
        }
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

package vn.commune.telemetry.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.MessageCodec;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import vn.commune.telemetry.dashboard.Dashboard;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.service.api.AdminEndpoint;
import vn.commune.telemetry.service.api.AuthHandler;
import vn.commune.telemetry.service.api.SessionEndpoint;
import vn.commune.telemetry.service.auth.AuditLog;
import vn.commune.telemetry.service.auth.LoginThrottle;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.UserStore;
import vn.commune.telemetry.service.api.DeviceEndpoint;
import vn.commune.telemetry.service.api.FailureHandler;
import vn.commune.telemetry.service.api.HealthEndpoint;
import vn.commune.telemetry.service.api.HttpGuards;
import vn.commune.telemetry.service.api.HttpLimits;
import vn.commune.telemetry.service.api.HttpSettings;
import vn.commune.telemetry.service.api.HttpTls;
import vn.commune.telemetry.service.ingest.IngestPipeline;
import vn.commune.telemetry.service.ingest.MqttConnection;
import vn.commune.telemetry.service.ingest.PahoMqttConnection;
import vn.commune.telemetry.service.ingest.UnregisteredDevices;
import vn.commune.telemetry.service.inventory.InventoryStore;
import vn.commune.telemetry.service.metrics.MicrometerIngestMetrics;
import vn.commune.telemetry.service.storage.DatabaseFaults;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.InfluxWriter;
import vn.commune.telemetry.service.storage.StatusReads;
import vn.commune.telemetry.service.storage.StorageConfig;
import vn.commune.telemetry.service.storage.StorageMetrics;
import vn.commune.telemetry.service.support.Backoff;

/**
 * The service on one event loop: storage first (so that the spool replays), then HTTP, then the broker. The
 * database is created in the background, retried while InfluxDB is away; meanwhile writes wait in the spool.
 */
final class TelemetryVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryVerticle.class);
    /**
     * How long a partly filled batch of state points waits: short, since a message is acknowledged only once the
     * transitions it changed are durable, and state points are few.
     */
    private static final Duration STATE_LINGER = Duration.ofMillis(20);

    private final ServiceConfig config;
    private final Inventory initialInventory;
    private final PrometheusMeterRegistry registry;

    private InfluxHttpClient influx;
    private InfluxWriter writer;
    private InfluxWriter stateWriter;
    private MqttConnection mqtt;
    private HttpServer server;
    private StateServices state;
    private UserStore users;
    private long ensureTimer = -1;
    private final Backoff databaseRetries = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    TelemetryVerticle(ServiceConfig config, Inventory inventory, PrometheusMeterRegistry registry) {
        this.config = config;
        this.initialInventory = inventory;
        this.registry = registry;
    }

    /** The port the HTTP server listens on (useful when configured as 0). */
    int httpPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        InventoryStore inventory = new InventoryStore(vertx, config.inventory(), initialInventory);
        influx = new InfluxHttpClient(vertx, config.storage(), new DatabaseFaults(registry, System::currentTimeMillis));
        writer = new InfluxWriter(vertx, influx, config.storage(), StorageMetrics.micrometer(registry));
        mqtt = new PahoMqttConnection(vertx, config.mqtt());
        UnregisteredDevices unregistered = new UnregisteredDevices(config.ingest().unregisteredMax());
        MessageCodec codec = new MessageCodec(config.ingest().maxAge(), config.ingest().maxAhead());
        IngestPipeline pipeline = new IngestPipeline(codec, inventory::current, writer, mqtt, unregistered,
                new MicrometerIngestMetrics(registry));
        mqtt.messageHandler(pipeline::handle);
        registerGauges(pipeline, unregistered);
        stateWriter = InfluxWriter.ordered(vertx, influx, config.storage().withOwnFiles(
                config.dataDir().resolve("state-spool"), config.dataDir().resolve("state-dead-letter.jsonl"),
                StorageConfig.DEFAULT_BATCH_SIZE, STATE_LINGER, StorageConfig.DEFAULT_MAX_BUFFERED_POINTS),
                StorageMetrics.micrometer(registry, "ct.state.storage"));
        state = new StateServices(vertx, config, inventory, influx, stateWriter,
                () -> Future.all(writer.spoolEmpty(), stateWriter.spoolEmpty()).mapEmpty(), mqtt, registry);
        state.listen(pipeline);

        users = new UserStore(vertx, config.http().users(), inventory::current);
        try {
            users.load();
        } catch (InventoryException e) {
            return Future.failedFuture(new IllegalStateException("the users file cannot be read: " + e.getMessage(),
                    e));
        }
        AuditLog audit = new AuditLog(influx, stateWriter, System::currentTimeMillis);
        SessionEndpoint sessions = new SessionEndpoint(vertx, users, new Passwords(),
                new LoginThrottle(System::currentTimeMillis), audit, config.http().tileUrl());

        HttpGuards guards = new HttpGuards(config.limits(), config.http().tls() != null, System::currentTimeMillis);
        Router router = Router.router(vertx);
        router.route().failureHandler(new FailureHandler());
        router.route().handler(guards.first());
        new HealthEndpoint(mqtt, influx, writer).addRoutes(router);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.route("/api/*").handler(SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionCookieName("ct_session")
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT)
                .setCookieSecureFlag(config.http().secureCookies())
                .setSessionTimeout(config.http().sessionTimeout().toMillis())
                .setLazySession(true));
        router.route("/api/*").handler(guards.timeout());
        router.route("/api/*").handler(guards.body());
        router.route("/api/*").handler(guards.json());
        router.post("/api/v1/session").handler(guards.login());
        sessions.addLoginRoute(router);
        router.route("/api/*").handler(new AuthHandler(config.http().apiToken(), users, audit, guards));
        sessions.addRoutes(router);
        new AdminEndpoint(users, audit, System::currentTimeMillis).addRoutes(router);
        new DeviceEndpoint(inventory, new StatusReads(influx), unregistered).addRoutes(router);
        state.addRoutes(router);
        Dashboard.load(config.http().tileUrl()).addRoutes(router);
        router.route().last().handler(ctx -> ctx.fail(404));

        server = vertx.createHttpServer(serverOptions(config.http(), config.limits()));
        return writer.start()
                .compose(v -> stateWriter.start())
                .compose(v -> server.requestHandler(router).listen())
                .onSuccess(s -> users.start())
                .onSuccess(s -> {
                    LOG.info("{} on {}:{}", config.http().tls() == null ? "HTTP" : "HTTPS", config.http().host(),
                            s.actualPort());
                    ensureDatabase();
                    mqtt.connect();
                });
    }

    /**
     * The HTTP server's options: HTTPS (TLS 1.2+, the PEM pair read at start-up) when {@code http.tls} is set; a
     * request line longer than the limit still reaches the router, which refuses it with a JSON error (HttpGuards);
     * silent connections closed.
     */
    private static HttpServerOptions serverOptions(HttpSettings http, HttpLimits limits) {
        HttpServerOptions options = new HttpServerOptions().setHost(http.host()).setPort(http.port())
                .setCompressionSupported(true)
                .setMaxInitialLineLength(limits.maxUriLength() + 1024)
                .setIdleTimeout((int) limits.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        if (http.tls() != null) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertValue(Buffer.buffer(http.tls().certPem()))
                            .setKeyValue(Buffer.buffer(http.tls().keyPem())))
                    .setEnabledSecureTransportProtocols(HttpTls.PROTOCOLS);
        }
        return options;
    }

    private void registerGauges(IngestPipeline pipeline, UnregisteredDevices unregistered) {
        Gauge.builder("ct.mqtt.connected", mqtt, m -> m.isConnected() ? 1 : 0)
                .description("1 while connected and subscribed to the broker").register(registry);
        Gauge.builder("ct.ingest.pending.acks", pipeline, IngestPipeline::pendingAcks)
                .description("Messages whose points are not yet durable, so not yet acknowledged").register(registry);
        Gauge.builder("ct.mqtt.held", mqtt, MqttConnection::held)
                .description("Messages received and not yet acknowledged or given up (at most mqtt.max-in-flight)")
                .register(registry);
        FunctionCounter.builder("ct.mqtt.read.pauses", mqtt, MqttConnection::readPauses)
                .description("Times reading from the broker paused at mqtt.max-in-flight held messages")
                .register(registry);
        FunctionCounter.builder("ct.mqtt.network.reads", mqtt, MqttConnection::networkReads)
                .description("Reads from the broker's socket that reached the network (64 KiB buffer, TLS or not)")
                .register(registry);
        Gauge.builder("ct.ingest.unregistered.devices", unregistered, UnregisteredDevices::size)
                .description("Devices heard from that are not in the inventory").register(registry);
    }

    private void ensureDatabase() {
        influx.ensureDatabase().onComplete(done -> {
            if (done.failed()) {
                long delay = databaseRetries.next();
                LOG.warn("InfluxDB: cannot create the database yet ({}); retrying in {} ms",
                        done.cause().getMessage(), delay);
                ensureTimer = vertx.setTimer(delay, id -> ensureDatabase());
            } else {
                state.start();
            }
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ensureTimer);
        if (users != null) {
            users.stop();
        }
        return mqtt.close()
                .eventually(() -> server.close())
                .eventually(() -> state.stop())
                .eventually(() -> stateWriter.close())
                .eventually(() -> writer.close())
                .eventually(() -> influx.close());
    }
}

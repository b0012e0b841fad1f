package vn.commune.telemetry.gateway;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.config.GatewayConfig;
import vn.commune.telemetry.gateway.forward.CommitLoop;
import vn.commune.telemetry.gateway.forward.LocalLink;
import vn.commune.telemetry.gateway.forward.LocalPublisher;
import vn.commune.telemetry.gateway.forward.UplinkLink;
import vn.commune.telemetry.gateway.health.GatewayMetrics;
import vn.commune.telemetry.gateway.health.HealthServer;
import vn.commune.telemetry.gateway.health.StatusReporter;
import vn.commune.telemetry.gateway.probe.ProbeRunner;
import vn.commune.telemetry.gateway.probe.Prober;
import vn.commune.telemetry.gateway.spool.SpoolLog;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.Topics;

/**
 * The one wiring point: opens the log, starts the commit loop, the local and district links, the status reporter,
 * the probes and the health server, and stops them in reverse order.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final MessageCodec codec = new MessageCodec();
    private SpoolLog log;
    private CommitLoop commits;
    private LocalLink local;
    private UplinkLink uplink;
    private StatusReporter status;
    private ProbeRunner probes;
    private HealthServer health;

    public Gateway(GatewayConfig config) {
        this.config = config;
    }

    /** Starts everything; the links keep trying in the background while a broker is unreachable. */
    public Gateway start() throws IOException, MqttException {
        new JvmMemoryMetrics().bindTo(registry);
        log = SpoolLog.open(config.spool(), System.currentTimeMillis());
        metrics.bind(log);
        commits = new CommitLoop(log, config.commitInterval(), metrics);
        commits.start();
        local = new LocalLink(config.local(), log, commits, metrics);
        List<String> filters = new ArrayList<>();
        for (String device : config.commandDevices()) {
            filters.add(Topics.commandFilter(device));
        }
        if (config.commune() != null) {
            filters.add("cmd/commune/" + config.commune() + "/+");
        }
        uplink = new UplinkLink(config.district(), log, local, config.gatewayId(), Topics.state(config.gatewayId()),
                new UplinkLink.StateText() {
                    @Override
                    public String online(long nowMillis) {
                        return text(new StateMessage(config.gatewayId(), nowMillis, ConnectionState.ONLINE));
                    }

                    @Override
                    public String offline() {
                        return text(StateMessage.will(config.gatewayId()));
                    }
                }, filters, metrics);
        local.start();
        uplink.start();
        LocalPublisher own = this::publishOwn;
        status = new StatusReporter(config.gatewayId(), config.uplink(), log, own, System::currentTimeMillis,
                config.statusInterval().toMillis());
        status.start();
        probes = new ProbeRunner(config.probes(), new Prober(), own, System::currentTimeMillis);
        probes.start();
        health = new HealthServer(config.httpHost(), config.httpPort(), registry, metrics, log);
        LOG.info("gateway {} started: local {}, district {}, log {} ({} waiting), {} probe(s), "
                        + "{} device(s) with commands, http {}:{}", config.gatewayId(), config.local().url(),
                config.district().endpoint().url(), config.spool().dir(), log.depth(), config.probes().size(),
                config.commandDevices().size(), config.httpHost(), health.port());
        return this;
    }

    private String text(StateMessage message) {
        return new String(codec.encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The gateway's own messages go through the log like a device's (a status, a probe's result). */
    private void publishOwn(String topic, byte[] payload, int qos, boolean retain) {
        try {
            log.append(topic, payload, qos, retain, System.currentTimeMillis());
        } catch (IOException e) {
            metrics.appendFailed();
            LOG.error("spool: cannot append the gateway's own message on {}: {}", topic, e.toString());
        }
    }

    public SpoolLog log() {
        return log;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public int httpPort() {
        return health.port();
    }

    public StatusReporter status() {
        return status;
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {health, probes, status, uplink, local, commits}) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.warn("closing the log: {}", e.toString());
            }
        }
        registry.close();
    }
}

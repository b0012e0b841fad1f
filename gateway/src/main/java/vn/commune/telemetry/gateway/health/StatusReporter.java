package vn.commune.telemetry.gateway.health;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.forward.LocalPublisher;
import vn.commune.telemetry.gateway.spool.SpoolLog;
import vn.commune.telemetry.protocol.CommonStatus;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.GatewayStatus;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.Uplink;

/**
 * Publishes the gateway's own status ({@code kind: gateway}) at its interval with the fields protocol v1 has:
 * {@code devices} (devices seen behind it), {@code spool_depth}, {@code uplink}, {@code uptime_s}. The log's bytes,
 * oldest message's age and drops are not protocol fields: they are on {@code /metrics}.
 */
public final class StatusReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    private final String gatewayId;
    private final Uplink uplink;
    private final SpoolLog log;
    private final LocalPublisher publisher;
    private final LongSupplier clock;
    private final long startedMillis;
    private final long intervalMillis;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-status");
        thread.setDaemon(true);
        return thread;
    });

    public StatusReporter(String gatewayId, Uplink uplink, SpoolLog log, LocalPublisher publisher,
            LongSupplier clock, long intervalMillis) {
        this.gatewayId = gatewayId;
        this.uplink = uplink;
        this.log = log;
        this.publisher = publisher;
        this.clock = clock;
        this.startedMillis = clock.getAsLong();
        this.intervalMillis = intervalMillis;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::publishNow, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The status payload now. */
    public byte[] statusNow() {
        long now = clock.getAsLong();
        int devices = Math.min(100_000, log.devicesSeenExcept(gatewayId));
        CommonStatus common = new CommonStatus(null, null, null, null, null, (now - startedMillis) / 1000);
        GatewayStatus detail = new GatewayStatus(devices, log.depth(), uplink);
        return codec.encode(new StatusMessage(gatewayId, now, DeviceKind.GATEWAY, common, detail));
    }

    private void publishNow() {
        try {
            publisher.publish(Topics.status(gatewayId), statusNow(), 1, false);
        } catch (RuntimeException e) {
            LOG.error("gateway status not published", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package vn.commune.telemetry.simulator.load;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.simulator.ConnectionMode;
import vn.commune.telemetry.simulator.device.DeviceFactory;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fleet.FleetIndex;
import vn.commune.telemetry.simulator.mqtt.BrokerAddress;
import vn.commune.telemetry.simulator.mqtt.DeviceEndpoint;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;
import vn.commune.telemetry.simulator.mqtt.LinkSettings;
import vn.commune.telemetry.simulator.mqtt.PublishWindow;

/**
 * Load mode: connects the devices, announces them online, then publishes their statuses (real values, timestamped
 * now) in turn at a fixed total rate, and measures the rate the broker acknowledges, heap, RSS and CPU.
 */
public final class LoadRun {

    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final LoadConfig config;
    private volatile boolean stopRequested;

    /** A load run. */
    public LoadRun(LoadConfig config) {
        this.config = config;
    }

    /** Makes {@link #run()} stop sending and report. */
    public void stop() {
        stopRequested = true;
    }

    /** Connects, sends until the duration is over or {@link #stop()}, and reports. */
    public LoadReport run() throws ExecutionException, InterruptedException, TimeoutException {
        FleetIndex fleet = new FleetIndex(config.inventory());
        ConnectionMode mode = config.connections().resolve(config.devices());
        DeviceFactory factory = new DeviceFactory(fleet, config.seed(), System.currentTimeMillis(), Map.of());
        MessageCodec codec = new MessageCodec();
        List<DeviceModel> models = new ArrayList<>(config.devices());
        List<DeviceEndpoint> endpoints = new ArrayList<>(config.devices());
        for (int i = 0; i < config.devices(); i++) {
            Device device = fleet.devices().get(i);
            models.add(factory.create(i));
            endpoints.add(new DeviceEndpoint(device.id(), Topics.state(device.id()),
                    codec.encode(StateMessage.will(device.id())), null));
        }
        String tag = Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
        LinkSettings settings = new LinkSettings(BrokerAddress.parse(config.brokerUrl(), config.caFile()),
                config.username(), config.password(), config.maxInFlight(),
                Math.min(4, Runtime.getRuntime().availableProcessors()), CONNECT_TIMEOUT, tag);
        ResourceMeter meter = new ResourceMeter();
        long connectStart = System.nanoTime();
        DeviceLinks links = DeviceLinks.create(settings, endpoints, mode.perDeviceConnections(), mode.pool(),
                (topic, payload) -> { });
        try {
            LOG.info("load: connecting {} devices to {} ({})", config.devices(), settings.broker(), mode);
            links.open().get(CONNECT_TIMEOUT.toSeconds() + config.devices() / 50, TimeUnit.SECONDS);
            for (DeviceModel model : models) {
                links.publish(model.index(), Topics.state(model.id()), codec.encode(new StateMessage(model.id(),
                        System.currentTimeMillis(), ConnectionState.ONLINE)), true);
            }
            links.window().drain(CONNECT_TIMEOUT.toMillis());
            Duration connectTime = Duration.ofNanos(System.nanoTime() - connectStart);
            LOG.info("load: {} devices connected and online in {} ms", config.devices(), connectTime.toMillis());
            return send(models, links, codec, meter, connectTime, mode);
        } finally {
            links.close();
        }
    }

    private LoadReport send(List<DeviceModel> models, DeviceLinks links, MessageCodec codec, ResourceMeter meter,
            Duration connectTime, ConnectionMode mode) throws InterruptedException {
        PublishWindow window = links.window();
        long ackedBefore = window.acknowledged();
        long failedBefore = window.failed();
        long cpuBefore = meter.cpuNanos();
        meter.read();
        long start = System.nanoTime();
        long deadline = config.duration() == null ? Long.MAX_VALUE : start + config.duration().toNanos();
        long reportNanos = config.reportEvery().toNanos();
        long nextReport = start + reportNanos;
        long lastReportAcked = ackedBefore;
        long lastReportNanos = start;
        long sent = 0;
        boolean unlimited = Double.isInfinite(config.rate());
        while (!stopRequested) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            if (now >= nextReport) {
                long acked = window.acknowledged();
                report(meter, (acked - lastReportAcked) / ((now - lastReportNanos) / 1e9), acked - ackedBefore,
                        window.inFlight());
                lastReportAcked = acked;
                lastReportNanos = now;
                nextReport += reportNanos;
            }
            long due = unlimited ? Long.MAX_VALUE : (long) ((now - start) / 1e9 * config.rate());
            if (sent >= due) {
                long nanosToNext = (long) (((sent + 1) / config.rate()) * 1e9) - (now - start);
                LockSupport.parkNanos(Math.max(10_000, Math.min(nanosToNext, 1_000_000)));
                continue;
            }
            DeviceModel model = models.get((int) (sent % models.size()));
            byte[] payload = codec.encode(model.status(System.currentTimeMillis()));
            links.publish(model.index(), Topics.status(model.id()), payload, false);
            sent++;
        }
        window.drain(60_000);
        long end = System.nanoTime();
        double seconds = Math.max(1e-9, (end - start) / 1e9);
        long acked = window.acknowledged() - ackedBefore;
        double cpu = cpuBefore < 0 ? -1 : 100.0 * (meter.cpuNanos() - cpuBefore) / (end - start);
        meter.read();
        long live = meter.liveHeapBytes();
        LoadReport report = new LoadReport(models.size(), links.connectionCount(), config.rate(), sent, acked,
                window.failed() - failedBefore, Duration.ofNanos(end - start), acked / seconds,
                meter.peakHeapBytes(), live, meter.peakRssBytes(), cpu, connectTime);
        LOG.info("{} [{} at {}]", report.summary(), mode, Instant.now());
        return report;
    }

    private static void report(ResourceMeter meter, double rate, long acked, int inFlight) {
        ResourceMeter.Reading reading = meter.read();
        LOG.info(String.format(Locale.ROOT,
                "load: %,.0f msg/s acknowledged (total %,d, in flight %,d) | heap %,d MiB rss %,d MiB cpu %.0f%% "
                        + "fds %,d", rate, acked, inFlight, reading.heapMib(), reading.rssMib(), reading.cpuPercent(),
                reading.openFiles()));
    }
}

package vn.commune.telemetry.gateway.probe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.forward.LocalPublisher;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;

/**
 * Probes the configured devices at their intervals on a small pool of its own and speaks for them per protocol v1:
 * a retained {@code tele/{id}/state} with its {@code ts} whenever the outcome changes (and after the first probe),
 * and a status {@code {"v":1,"ts":…,"kind":…}} after every probe that found the device up.
 */
public final class ProbeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final List<ProbeSpec> specs;
    private final Prober prober;
    private final LocalPublisher publisher;
    private final LongSupplier clock;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, Boolean> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pool;

    public ProbeRunner(List<ProbeSpec> specs, Prober prober, LocalPublisher publisher, LongSupplier clock) {
        this.specs = List.copyOf(specs);
        this.prober = prober;
        this.publisher = publisher;
        this.clock = clock;
        this.pool = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, specs.size())), r -> {
            Thread thread = new Thread(r, "probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        for (ProbeSpec spec : specs) {
            pool.scheduleWithFixedDelay(() -> runOnce(spec), 0, spec.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Probes one device now and publishes what it found. */
    void runOnce(ProbeSpec spec) {
        try {
            Prober.Result result = prober.probe(spec);
            long now = clock.getAsLong();
            Boolean before = last.put(spec.device(), result.up());
            if (before == null || before != result.up()) {
                LOG.info("probe {} ({} {}): {} ({})", spec.device(), spec.type().wireName(), spec.target(),
                        result.up() ? "up" : "down", result.detail());
                StateMessage state = new StateMessage(spec.device(), now,
                        result.up() ? ConnectionState.ONLINE : ConnectionState.OFFLINE);
                publisher.publish(Topics.state(spec.device()), codec.encode(state), 1, true);
            }
            if (result.up()) {
                StatusMessage status = new StatusMessage(spec.device(), now, spec.kind(), null, null);
                publisher.publish(Topics.status(spec.device()), codec.encode(status), 1, false);
            }
        } catch (RuntimeException e) {
            LOG.error("probe {}: failed", spec.device(), e);
        }
    }

    /** Devices probed up at their last probe. */
    public long upCount() {
        return last.values().stream().filter(Boolean::booleanValue).count();
    }

    public int size() {
        return specs.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package vn.commune.telemetry.gateway.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import vn.commune.telemetry.gateway.spool.SpoolLog;

/** The gateway's meters ({@code ct.gateway.*}), tagged by low-cardinality values only. */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter forwarded;
    private final Counter commandsDown;
    private final Counter syncFailures;
    private final Counter appendFailures;
    private final Counter readFailures;
    private final Counter refused;
    private final Timer syncTime;
    private final Timer ackDelay;
    private final DistributionSummary syncBatch;
    private final AtomicInteger uplinkConnected = new AtomicInteger();
    private final AtomicInteger localConnected = new AtomicInteger();
    private final AtomicLong maxAckDelayNanos = new AtomicLong();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("ct.gateway.received").description("messages received from local devices")
                .register(registry);
        forwarded = Counter.builder("ct.gateway.forwarded")
                .description("messages acknowledged by the district broker").register(registry);
        commandsDown = Counter.builder("ct.gateway.commands.forwarded")
                .description("commands passed down to local devices").register(registry);
        syncFailures = Counter.builder("ct.gateway.spool.sync.failures").register(registry);
        appendFailures = Counter.builder("ct.gateway.spool.append.failures").register(registry);
        readFailures = Counter.builder("ct.gateway.spool.read.failures")
                .description("records that could not be read back and left the log unsent").register(registry);
        refused = Counter.builder("ct.gateway.refused").tag("reason", "too_large")
                .description("messages larger than the log takes (the protocol allows 16 KiB), acknowledged unsent")
                .register(registry);
        syncTime = Timer.builder("ct.gateway.spool.sync").description("time to force the log to disk")
                .publishPercentiles(0.5, 0.99).register(registry);
        ackDelay = Timer.builder("ct.gateway.local.ack.delay")
                .description("from a message's arrival to its acknowledgement after the fsync covering it")
                .publishPercentiles(0.5, 0.99).register(registry);
        syncBatch = DistributionSummary.builder("ct.gateway.spool.sync.batch")
                .description("messages acknowledged per fsync").register(registry);
        Gauge.builder("ct.gateway.uplink.connected", uplinkConnected, AtomicInteger::get).register(registry);
        Gauge.builder("ct.gateway.local.connected", localConnected, AtomicInteger::get).register(registry);
    }

    /** Gauges on the log's depth, bytes, age and counters. */
    public void bind(SpoolLog log) {
        Gauge.builder("ct.gateway.spool.depth", log, SpoolLog::depth).description("messages waiting")
                .register(registry);
        Gauge.builder("ct.gateway.spool.bytes", log, SpoolLog::bytes).baseUnit("bytes").register(registry);
        Gauge.builder("ct.gateway.spool.limit.bytes", log, l -> l.settings().maxBytes()).register(registry);
        Gauge.builder("ct.gateway.spool.segments", log, SpoolLog::segmentCount).register(registry);
        Gauge.builder("ct.gateway.spool.disk.bytes", log, SpoolLog::diskBytes).baseUnit("bytes")
                .description("bytes of the segment files").register(registry);
        Gauge.builder("ct.gateway.spool.compacted", log, SpoolLog::compacted)
                .description("waiting records copied out of old segments to keep the disk bounded").register(registry);
        Gauge.builder("ct.gateway.spool.in_flight", log, SpoolLog::inFlight).register(registry);
        Gauge.builder("ct.gateway.spool.oldest.age", log, l -> {
            long oldest = l.oldestArrival();
            return oldest < 0 ? 0 : (System.currentTimeMillis() - oldest) / 1000.0;
        }).baseUnit("seconds").register(registry);
        Gauge.builder("ct.gateway.devices.seen", log, SpoolLog::devicesSeen).register(registry);
        Gauge.builder("ct.gateway.spool.dropped", log, SpoolLog::dropped)
                .description("statuses dropped because the log was full").register(registry);
        Gauge.builder("ct.gateway.spool.torn", log, SpoolLog::tornTails)
                .description("torn tail records cut off at start-up").register(registry);
        Gauge.builder("ct.gateway.spool.corrupt", log, SpoolLog::corruptRecords)
                .description("corrupt records skipped at start-up").register(registry);
        Gauge.builder("ct.gateway.spool.duplicates", log, SpoolLog::duplicates)
                .description("local redeliveries of messages already in the log after a restart").register(registry);
        Gauge.builder("ct.gateway.spool.recovered", log, SpoolLog::recovered)
                .description("waiting messages found in the log at start-up (sent again: possible duplicates)")
                .register(registry);
        Gauge.builder("ct.gateway.spool.over_bound", log, SpoolLog::overBound)
                .description("states and events stored beyond the bound (never dropped)").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void received() {
        received.increment();
    }

    public void forwarded() {
        forwarded.increment();
    }

    public double forwardedCount() {
        return forwarded.count();
    }

    public void commandDown() {
        commandsDown.increment();
    }

    public void syncFailed() {
        syncFailures.increment();
    }

    public void appendFailed() {
        appendFailures.increment();
    }

    public void readFailed() {
        readFailures.increment();
    }

    public void refusedTooLarge() {
        refused.increment();
    }

    public void synced(long nanos, int messages) {
        syncTime.record(nanos, TimeUnit.NANOSECONDS);
        syncBatch.record(messages);
    }

    public void acknowledged(long delayNanos) {
        ackDelay.record(delayNanos, TimeUnit.NANOSECONDS);
        maxAckDelayNanos.accumulateAndGet(delayNanos, Math::max);
    }

    /** Longest time a message waited for its fsync and acknowledgement. */
    public Duration maxAckDelay() {
        return Duration.ofNanos(maxAckDelayNanos.get());
    }

    public Timer syncTimer() {
        return syncTime;
    }

    public Timer ackDelayTimer() {
        return ackDelay;
    }

    public void uplinkConnected(boolean up) {
        uplinkConnected.set(up ? 1 : 0);
    }

    public boolean isUplinkConnected() {
        return uplinkConnected.get() == 1;
    }

    public void localConnected(boolean up) {
        localConnected.set(up ? 1 : 0);
    }

    public boolean isLocalConnected() {
        return localConnected.get() == 1;
    }
}

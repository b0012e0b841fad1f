package vn.commune.telemetry.service.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/** {@link StorageMetrics} as Micrometer meters; the gauges read whichever {@link StorageGauges} was bound last. */
final class MicrometerStorageMetrics implements StorageMetrics {

    private final MeterRegistry registry;
    private final String prefix;
    private final AtomicReference<StorageGauges> gauges = new AtomicReference<>();
    private final Counter pointsWritten;
    private final Counter deadLetters;
    private final Counter backPressureEvents;
    private final Counter spoolCorrupt;
    private final DistributionSummary batchSize;

    MicrometerStorageMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        this.pointsWritten = Counter.builder(prefix + ".points.written")
                .description("Points InfluxDB accepted").register(registry);
        this.deadLetters = Counter.builder(prefix + ".dead.letters")
                .description("Points InfluxDB rejected as bad data, recorded in the dead-letter file")
                .register(registry);
        this.backPressureEvents = Counter.builder(prefix + ".backpressure.events")
                .description("Times write callers had to wait because memory and spool were full").register(registry);
        this.spoolCorrupt = Counter.builder(prefix + ".spool.corrupt")
                .description("Torn or corrupt spool records skipped").register(registry);
        this.batchSize = DistributionSummary.builder(prefix + ".batch.size")
                .description("Points per HTTP write").baseUnit("points").register(registry);
        gauge(prefix + ".spool.depth", "Batches in the on-disk spool", StorageGauges::spooledBatches);
        gauge(prefix + ".spool.bytes", "Bytes of the on-disk spool", StorageGauges::spooledBytes);
        gauge(prefix + ".influx.reachable", "1 when InfluxDB accepts writes", g -> g.influxReachable() ? 1 : 0);
        gauge(prefix + ".buffered.points", "Points held in memory", StorageGauges::bufferedPoints);
        gauge(prefix + ".backpressure", "1 while write callers wait for room", g -> g.backPressured() ? 1 : 0);
        gauge(prefix + ".waiting.writes", "Write calls waiting for room in memory", StorageGauges::waitingWrites);
    }

    private void gauge(String name, String description, ToDoubleFunction<StorageGauges> value) {
        Gauge.builder(name, gauges, ref -> {
            StorageGauges source = ref.get();
            return source == null ? 0 : value.applyAsDouble(source);
        }).description(description).strongReference(true).register(registry);
    }

    @Override
    public void bindGauges(StorageGauges source) {
        gauges.set(source);
    }

    @Override
    public void pointsWritten(int count) {
        pointsWritten.increment(count);
    }

    @Override
    public void writeLatency(Duration latency, String outcome) {
        Timer.builder(prefix + ".write.latency").description("Duration of one HTTP write to InfluxDB")
                .tag("outcome", outcome).register(registry).record(latency);
    }

    @Override
    public void batchSize(int points) {
        batchSize.record(points);
    }

    @Override
    public void deadLetters(int count) {
        deadLetters.increment(count);
    }

    @Override
    public void writeRetry(String outcome) {
        Counter.builder(prefix + ".write.retries").description("HTTP writes to be retried, by reason")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void backPressureEntered() {
        backPressureEvents.increment();
    }

    @Override
    public void spoolCorruptRecord() {
        spoolCorrupt.increment();
    }
}

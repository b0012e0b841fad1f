package vn.commune.telemetry.service.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Metrics of the storage path, named {@code ct.storage.*} and tagged by low-cardinality values only ({@code outcome}).
 * {@link #NOOP} records nothing; {@link #micrometer(MeterRegistry)} registers Micrometer meters. The gauges sample an
 * {@link InfluxWriter}, which binds itself through {@link #bindGauges(StorageGauges)} when it is constructed.
 */
public interface StorageMetrics {

    /** Records nothing. */
    StorageMetrics NOOP = new StorageMetrics() {
    };

    /**
     * Micrometer meters: {@code ct.storage.points.written}, {@code ct.storage.write.latency} (tag outcome),
     * {@code ct.storage.batch.size}, {@code ct.storage.spool.depth}, {@code ct.storage.spool.bytes},
     * {@code ct.storage.dead.letters}, {@code ct.storage.write.retries} (tag outcome),
     * {@code ct.storage.influx.reachable}, {@code ct.storage.buffered.points}, {@code ct.storage.backpressure}
     * (0/1), {@code ct.storage.backpressure.events} and {@code ct.storage.spool.corrupt}.
     */
    static StorageMetrics micrometer(MeterRegistry registry) {
        return micrometer(registry, "ct.storage");
    }

    /**
     * The same meters under another prefix ({@code ct.state.storage} for the writer of state points), so that two
     * writers in one registry neither mix their counts nor take each other's gauges.
     */
    static StorageMetrics micrometer(MeterRegistry registry, String prefix) {
        return new MicrometerStorageMetrics(registry, prefix);
    }

    /** Lets the gauges sample this source from now on (the latest source bound wins). */
    default void bindGauges(StorageGauges gauges) {
    }

    /** Points InfluxDB accepted. */
    default void pointsWritten(int count) {
    }

    /** One HTTP write and how it ended ({@code ok}, {@code retry}, {@code split}, {@code bad_data}). */
    default void writeLatency(Duration latency, String outcome) {
    }

    /** Points in one HTTP write. */
    default void batchSize(int points) {
    }

    /** Points recorded in the dead-letter file. */
    default void deadLetters(int count) {
    }

    /** A write to be retried, with {@link WriteOutcome#retryReason()} as outcome. */
    default void writeRetry(String outcome) {
    }

    /** Write callers started waiting because memory and spool are full. */
    default void backPressureEntered() {
    }

    /** A torn or corrupt spool record was skipped. */
    default void spoolCorruptRecord() {
    }
}

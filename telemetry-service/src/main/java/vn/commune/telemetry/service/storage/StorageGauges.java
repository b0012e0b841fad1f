package vn.commune.telemetry.service.storage;

/** The live figures of the storage path that metrics sample and {@code /ready} reads; {@link InfluxWriter} has them. */
public interface StorageGauges {

    /** Batches in the on-disk spool, waiting for replay. */
    long spooledBatches();

    /** Bytes the spool occupies on disk. */
    long spooledBytes();

    /** Whether InfluxDB accepted the latest write or probe. */
    boolean influxReachable();

    /** Points held in memory (batching, in flight, waiting for the spool). */
    long bufferedPoints();

    /** Whether write callers are being made to wait because memory and spool are full. */
    boolean backPressured();

    /**
     * Write calls waiting for room in memory. Bounded by what calls them: each message held by the MQTT client makes
     * at most one call per writer, and the client holds at most {@code mqtt.max-in-flight}.
     */
    long waitingWrites();
}

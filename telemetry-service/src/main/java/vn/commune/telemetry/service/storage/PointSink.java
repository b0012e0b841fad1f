package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import java.util.List;

/** Where the ingest path hands points. */
public interface PointSink {

    /**
     * Takes points for storage.
     *
     * @param lines one point each in line protocol, millisecond precision, no trailing newline
     * @return a Future that completes once every line is durable: written to InfluxDB, appended to the on-disk spool
     *         and fsynced, or (when InfluxDB rejected it as bad data) recorded in the dead-letter file. It stays
     *         pending while the sink has no room (back-pressure), so the caller keeps its MQTT acknowledgements.
     */
    Future<Void> write(List<String> lines);

    /**
     * Takes one point for storage, with the same promise as {@link #write(List)}: the ingest path's call, once per
     * message, which a sink may serve more cheaply.
     *
     * @param line one point in line protocol, millisecond precision, no trailing newline
     * @return a Future that completes once the line is durable (see {@link #write(List)})
     */
    default Future<Void> write(String line) {
        return write(List.of(line));
    }
}

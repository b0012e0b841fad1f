package vn.commune.telemetry.service.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * The audit log: every change made through the API (who, what, when, the outcome) and every login, kept in InfluxDB
 * (measurement {@code audit}) through the ordered state writer, and logged. Runs on the event loop.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("audit");

    /**
     * One record.
     *
     * @param at      when (epoch ms)
     * @param user    who (a username, {@code api-token}, or the name a failed login gave)
     * @param role    their role, or empty for a failed login
     * @param method  the HTTP method, or {@code LOGIN}
     * @param path    what was changed
     * @param status  the answer's status code
     * @param address the client's address
     * @param detail  more, or null
     */
    public record Entry(long at, String user, String role, String method, String path, int status, String address,
            String detail) {

        /** As the API answers it. */
        public JsonObject json() {
            return new JsonObject().put("at", java.time.Instant.ofEpochMilli(at).toString()).put("user", user)
                    .put("role", role).put("method", method).put("path", path).put("status", status)
                    .put("address", address).put("detail", detail);
        }
    }

    private final InfluxHttpClient influx;
    private final PointSink sink;
    private final LongSupplier clock;
    private long last;

    public AuditLog(InfluxHttpClient influx, PointSink sink, LongSupplier clock) {
        this.influx = influx;
        this.sink = sink;
        this.clock = clock;
    }

    /** Records a change (at a millisecond of its own, so that two in one millisecond are both kept). */
    public void record(String user, String role, String method, String path, int status, String address,
            String detail) {
        long at = Math.max(clock.getAsLong(), last + 1);
        last = at;
        LOG.info("{} ({}) {} {} -> {} from {}{}", user, role, method, path, status, address,
                detail == null ? "" : " (" + detail + ")");
        sink.write(StorageSchema.audit(at, user, role, method, path, status, address, detail))
                .onFailure(e -> LOG.warn("Audit: not stored ({}): {} {} {}", e.getMessage(), user, method, path));
    }

    /** The records of {@code [from, to)}, newest first, at most {@code limit}. */
    public Future<List<Entry>> read(long from, long to, int limit) {
        return influx.query("SELECT * FROM " + QueryRows.identifier(StorageSchema.AUDIT) + " WHERE time >= "
                + QueryRows.time(from) + " AND time < " + QueryRows.time(to) + " ORDER BY time DESC LIMIT " + limit)
                .map(answer -> {
                    List<Entry> out = new ArrayList<>();
                    for (JsonObject row : QueryRows.of(answer, 0)) {
                        Object status = row.getValue("status");
                        out.add(new Entry(row.getLong("time"), row.getString("user"), row.getString("role"),
                                row.getString("method"), row.getString("path"),
                                status instanceof Number n ? n.intValue() : 0, row.getString("address"),
                                row.getString("detail")));
                    }
                    return out;
                });
    }
}

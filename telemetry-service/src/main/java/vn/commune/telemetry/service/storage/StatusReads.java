package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of stored statuses that the API and coverage need, so that they never write InfluxQL themselves: a
 * device's latest status, and the median 4G signal per place. Every id and name is escaped by {@link QueryRows}.
 */
public final class StatusReads {

    private final InfluxHttpClient influx;

    public StatusReads(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /** The device's latest stored status as InfluxDB answers it (time, tags and fields), or null when none. */
    public Future<JsonObject> latest(String deviceId) {
        String query = "SELECT * FROM " + QueryRows.identifier(StorageSchema.STATUS) + " WHERE "
                + QueryRows.identifier(StorageSchema.DEVICE) + " = " + QueryRows.literal(deviceId)
                + " ORDER BY time DESC LIMIT 1";
        return influx.query(query).map(answer -> {
            List<JsonObject> rows = QueryRows.of(answer, 0);
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    /**
     * The median {@code rsrp_dbm} of the statuses of devices of {@code kind} under the place {@code placeId} (at
     * inventory level {@code level}) in {@code [from, to)}, per value of the tag {@code groupLevel} (the places one
     * level down, usually villages); places without any report are absent.
     */
    public Future<Map<String, Double>> medianRsrp(String kind, String level, String placeId, String groupLevel,
            long from, long to) {
        String query = "SELECT median(" + QueryRows.identifier(StorageSchema.RSRP) + ") FROM "
                + QueryRows.identifier(StorageSchema.STATUS)
                + " WHERE time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to)
                + " AND " + QueryRows.identifier(StorageSchema.KIND) + " = " + QueryRows.literal(kind)
                + " AND " + QueryRows.identifier(level) + " = " + QueryRows.literal(placeId)
                + " GROUP BY " + QueryRows.identifier(groupLevel);
        return influx.query(query).map(answer -> {
            Map<String, Double> medians = new HashMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Object value = row.getValue("median");
                String group = row.getString(groupLevel);
                if (value instanceof Number number && group != null) {
                    medians.put(group, number.doubleValue());
                }
            }
            return medians;
        });
    }

    /**
     * One numeric status field of a device over {@code [from, to)}, downsampled in InfluxDB: per step of {@code
     * stepMs}, the mean, min and max of the reports in it (steps without a report are left out). Rows: time (the
     * step's start, epoch ms), mean, min, max.
     */
    public Future<List<double[]>> series(String deviceId, String field, long from, long to, long stepMs) {
        String column = QueryRows.identifier(field);
        String query = "SELECT mean(" + column + "), min(" + column + "), max(" + column + ") FROM "
                + QueryRows.identifier(StorageSchema.STATUS) + " WHERE "
                + QueryRows.identifier(StorageSchema.DEVICE) + " = " + QueryRows.literal(deviceId)
                + " AND time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to)
                + " GROUP BY time(" + stepMs + "ms) fill(none)";
        return influx.query(query).map(answer -> {
            List<double[]> out = new java.util.ArrayList<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Object mean = row.getValue("mean");
                Object min = row.getValue("min");
                Object max = row.getValue("max");
                if (mean instanceof Number m && min instanceof Number lo && max instanceof Number hi) {
                    out.add(new double[] {row.getLong("time"), m.doubleValue(), lo.doubleValue(), hi.doubleValue()});
                }
            }
            return out;
        });
    }

    /**
     * The device's newest events in {@code [from, to)}, newest first, at most {@code limit}: each row has the time,
     * the type, and the event's fields ({@code program}, {@code detail}, …) as stored.
     */
    public Future<List<JsonObject>> events(String deviceId, long from, long to, int limit) {
        String query = "SELECT * FROM " + QueryRows.identifier(StorageSchema.EVENT) + " WHERE "
                + QueryRows.identifier(StorageSchema.DEVICE) + " = " + QueryRows.literal(deviceId)
                + " AND time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to)
                + " ORDER BY time DESC LIMIT " + limit;
        return influx.query(query).map(answer -> QueryRows.of(answer, 0));
    }
}

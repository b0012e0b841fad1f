package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Every emergency broadcast issued, kept in InfluxDB (measurement {@code emergency}, one point per commune of an
 * issue) and cached in memory: the log of who issued what, where, when, and who cancelled it. Nothing is deleted.
 * Written on the event loop; readable from any thread.
 */
public final class EmergencyStore {

    private final InfluxHttpClient influx;
    private final PointSink sink;
    private volatile List<Emergency> all = List.of();
    private volatile boolean loaded;

    public EmergencyStore(InfluxHttpClient influx, PointSink sink) {
        this.influx = influx;
        this.sink = sink;
    }

    /** Whether the log has been loaded from storage. */
    public boolean loaded() {
        return loaded;
    }

    /** Every emergency, newest first. */
    public List<Emergency> all() {
        return all;
    }

    /** The emergencies of one commune, newest first. */
    public List<Emergency> ofCommune(String communeId) {
        return all.stream().filter(e -> e.communeId().equals(communeId)).toList();
    }

    /** The parts (one per commune) of the issue {@code id}; empty when there is none. */
    public List<Emergency> byId(String id) {
        return all.stream().filter(e -> e.id().equals(id)).toList();
    }

    /** Stores the parts of a new issue; the Future completes once they are durable. */
    public Future<List<Emergency>> issue(List<Emergency> parts) {
        return sink.write(parts.stream().map(EmergencyStore::line).toList()).map(v -> {
            parts.forEach(this::put);
            return parts;
        });
    }

    /** Cancels every part of the issue {@code id} still on air at {@code now}; returns the parts as they are now. */
    public Future<List<Emergency>> cancel(String id, String by, long now) {
        List<Emergency> changed = byId(id).stream().filter(e -> e.activeAt(now)).map(e -> e.cancelled(now, by))
                .toList();
        if (changed.isEmpty()) {
            return Future.succeededFuture(byId(id));
        }
        return sink.write(changed.stream().map(EmergencyStore::line).toList()).map(v -> {
            changed.forEach(this::put);
            return byId(id);
        });
    }

    /** Reloads the log from storage (at start). */
    public Future<Void> refresh() {
        return influx.query("SELECT * FROM " + QueryRows.identifier(StorageSchema.EMERGENCY) + " GROUP BY "
                + QueryRows.identifier(StorageSchema.EMERGENCY_ID) + ", "
                + QueryRows.identifier(StorageSchema.SCHEDULE_PLACE)).map(answer -> {
            Map<String, Emergency> loadedParts = new TreeMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Emergency emergency = parse(row);
                loadedParts.put(emergency.id() + "/" + emergency.communeId(), emergency);
            }
            List<Emergency> list = new ArrayList<>(loadedParts.values());
            list.sort(NEWEST_FIRST);
            all = List.copyOf(list);
            loaded = true;
            return null;
        });
    }

    private static final Comparator<Emergency> NEWEST_FIRST = Comparator.comparingLong(Emergency::start).reversed()
            .thenComparing(Emergency::id).thenComparing(Emergency::communeId);

    private synchronized void put(Emergency emergency) {
        List<Emergency> list = new ArrayList<>(all);
        list.removeIf(e -> e.id().equals(emergency.id()) && e.communeId().equals(emergency.communeId()));
        list.add(emergency);
        list.sort(NEWEST_FIRST);
        all = List.copyOf(list);
    }

    private static String line(Emergency e) {
        return StorageSchema.emergency(e.id(), e.communeId(), e.start(), e.end(), e.program(),
                new JsonArray(e.villages()).encode(), new JsonArray(e.devices()).encode(), e.issuedBy(),
                e.cancelledAt(), e.cancelledBy());
    }

    private static Emergency parse(JsonObject row) {
        Number cancelledAt = (Number) row.getValue("cancelled_at");
        return new Emergency(row.getString(StorageSchema.EMERGENCY_ID), row.getString(StorageSchema.SCHEDULE_PLACE),
                strings(row.getString("villages", "[]")), strings(row.getString("devices", "[]")),
                row.getString("program"), row.getLong("time"), row.getLong("end"), row.getString("issued_by"),
                cancelledAt == null ? null : cancelledAt.longValue(), row.getString("cancelled_by"));
    }

    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        new JsonArray(json).forEach(item -> out.add(String.valueOf(item)));
        return out;
    }
}

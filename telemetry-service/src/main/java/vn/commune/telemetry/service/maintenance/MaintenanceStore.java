package vn.commune.telemetry.service.maintenance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Maintenance windows, kept in InfluxDB (measurement {@code maintenance}, tag {@code id}, time = start) so that
 * they survive restarts and every instance sees them, and cached in memory for the timelines. Ending a window
 * writes the same point again with its end: a point is its series and instant, so the fields merge. The cache holds
 * at most {@code maxWindows} windows (the newest); {@link #refresh()} reloads it from storage.
 */
public final class MaintenanceStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InfluxHttpClient influx;
    private final PointSink sink;
    private final int maxWindows;
    private volatile List<MaintenanceWindow> windows = List.of();
    private long dropped;

    private final String measurement;
    private final String idPrefix;

    public MaintenanceStore(InfluxHttpClient influx, PointSink sink, int maxWindows) {
        this(influx, sink, maxWindows, StorageSchema.MAINTENANCE, "mw-");
    }

    /**
     * A store of windows of another kind, kept the same way (alert silences: measurement {@link
     * StorageSchema#SILENCE}, ids {@code si-…}).
     */
    public MaintenanceStore(InfluxHttpClient influx, PointSink sink, int maxWindows, String measurement,
            String idPrefix) {
        this.influx = influx;
        this.sink = sink;
        this.maxWindows = maxWindows;
        this.measurement = measurement;
        this.idPrefix = idPrefix;
    }

    /** Every window known, newest start first. */
    public List<MaintenanceWindow> all() {
        return windows;
    }

    /** Windows left out of the cache to stay within its bound. */
    public long dropped() {
        return dropped;
    }

    /** The window with this id. */
    public Optional<MaintenanceWindow> get(String id) {
        return windows.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** Stores a new window (the id is made here) and caches it once durable. */
    public Future<MaintenanceWindow> declare(String target, String targetKind, long from, Long to, String reason,
            String declaredBy, long now) {
        MaintenanceWindow window = new MaintenanceWindow(idPrefix + HexFormat.of().formatHex(randomBytes()), target,
                targetKind, from, to, reason, declaredBy, now, null);
        return sink.write(List.of(line(window))).map(v -> {
            put(window);
            return window;
        });
    }

    /** Ends a window at {@code now} (a window already over is returned as it is). */
    public Future<MaintenanceWindow> end(MaintenanceWindow window, String by, long now) {
        if (window.end() <= now) {
            return Future.succeededFuture(window);
        }
        MaintenanceWindow ended = window.endedAt(now, by);
        return sink.write(List.of(line(ended))).map(v -> {
            put(ended);
            return ended;
        });
    }

    /** Reloads every window from storage. */
    public Future<Void> refresh() {
        return influx.query("SELECT * FROM " + QueryRows.identifier(measurement) + " GROUP BY "
                + QueryRows.identifier(StorageSchema.WINDOW_ID)).map(answer -> {
            List<MaintenanceWindow> loaded = new ArrayList<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                loaded.add(parse(row));
            }
            replace(loaded);
            return null;
        });
    }

    /** The windows covering the device: its own and those of its place and the places above. */
    public List<MaintenanceWindow> covering(Device device, Inventory inventory) {
        List<MaintenanceWindow> current = windows;
        if (current.isEmpty()) {
            return List.of();
        }
        Set<String> places = new HashSet<>();
        for (Place place : inventory.ancestors(device.placeId())) {
            places.add(place.id());
        }
        List<MaintenanceWindow> result = new ArrayList<>();
        for (MaintenanceWindow window : current) {
            boolean mine = window.targetKind().equals(MaintenanceWindow.DEVICE) ? window.target().equals(device.id())
                    : places.contains(window.target());
            if (mine) {
                result.add(window);
            }
        }
        return result;
    }

    private synchronized void put(MaintenanceWindow window) {
        Map<String, MaintenanceWindow> byId = new LinkedHashMap<>();
        for (MaintenanceWindow w : windows) {
            byId.put(w.id(), w);
        }
        byId.put(window.id(), window);
        replace(new ArrayList<>(byId.values()));
    }

    private synchronized void replace(List<MaintenanceWindow> loaded) {
        List<MaintenanceWindow> sorted = new ArrayList<>(loaded);
        sorted.sort(Comparator.comparingLong(MaintenanceWindow::from).reversed()
                .thenComparing(MaintenanceWindow::id));
        if (sorted.size() > maxWindows) {
            dropped += sorted.size() - maxWindows;
            sorted = new ArrayList<>(sorted.subList(0, maxWindows));
        }
        windows = List.copyOf(sorted);
    }

    private String line(MaintenanceWindow window) {
        return StorageSchema.window(measurement, window.id(), window.target(), window.targetKind(), window.from(),
                window.to(), window.reason(), window.declaredBy(), window.declaredAt(), window.endedBy());
    }


    static MaintenanceWindow parse(JsonObject row) {
        Number to = (Number) row.getValue("to");
        return new MaintenanceWindow(row.getString(StorageSchema.WINDOW_ID), row.getString("target"), row.getString("target_kind"),
                row.getLong("time"), to == null ? null : to.longValue(), row.getString("reason"),
                row.getString("declared_by"), row.getLong("declared_at", 0L), row.getString("ended_by"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

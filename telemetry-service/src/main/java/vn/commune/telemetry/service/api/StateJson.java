package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.Segment;
import vn.commune.telemetry.service.uptime.UptimeFigures;

/** The JSON shapes of state, uptime and maintenance answers (docs/api.md). */
final class StateJson {

    /** Segments shown at most in a device's timeline. */
    static final int MAX_SEGMENTS = 1000;

    private StateJson() {
    }

    static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static double seconds(long millis) {
        return millis / 1000.0;
    }

    /** Seconds per state, uptime, outages, MTTR, MTBF, the longest outage. */
    static JsonObject figures(UptimeFigures f) {
        JsonObject json = new JsonObject()
                .put("seconds", new JsonObject()
                        .put("online", seconds(f.onlineMs()))
                        .put("offline", seconds(f.offlineMs()))
                        .put("unknown", seconds(f.unknownMs()))
                        .put("maintenance", seconds(f.maintenanceMs())))
                .put("uptime_pct", f.uptimePercent() == null ? null : round(f.uptimePercent(), 4))
                .put("outages", f.outages())
                .put("mttr_s", f.mttrMs() == null ? null : seconds(f.mttrMs()))
                .put("mtbf_s", f.mtbfMs() == null ? null : seconds(f.mtbfMs()));
        json.put("longest_outage", f.outages() == 0 ? null : new JsonObject()
                .put("from", time(f.longestFrom()))
                .put("to", time(f.longestTo()))
                .put("seconds", seconds(f.longestMs())));
        return json;
    }

    /** A timeline, newest segments kept when it is longer than {@link #MAX_SEGMENTS}. */
    static JsonArray timeline(List<Segment> segments) {
        JsonArray array = new JsonArray();
        for (Segment segment : segments.subList(Math.max(0, segments.size() - MAX_SEGMENTS), segments.size())) {
            array.add(new JsonObject()
                    .put("from", time(segment.from()))
                    .put("to", time(segment.to()))
                    .put("state", segment.state().wireName())
                    .put("cause", segment.cause().wireName()));
        }
        return array;
    }

    /** A device's present state. */
    static JsonObject present(Present present) {
        return new JsonObject()
                .put("state", present.state().wireName())
                .put("cause", present.cause().wireName())
                .put("since", present.since() == Long.MIN_VALUE ? null : time(present.since()));
    }

    /** A place in short. */
    static JsonObject place(Place place) {
        return new JsonObject().put("id", place.id()).put("name", place.name()).put("level", place.level());
    }

    /** A maintenance window. */
    static JsonObject window(MaintenanceWindow w, long now) {
        return new JsonObject()
                .put("id", w.id())
                .put(w.targetKind(), w.target())
                .put("from", time(w.from()))
                .put("to", w.to() == null ? null : time(w.to()))
                .put("active", w.activeAt(now))
                .put("reason", w.reason())
                .put("declared_by", w.declaredBy())
                .put("declared_at", time(w.declaredAt()))
                .put("ended_by", w.endedBy());
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole, 4);
    }
}

package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Every version of every commune's schedule, kept in InfluxDB (measurement {@code schedule}, one point per version)
 * so that they survive restarts, and cached in memory. An official's change is a new version, a draft; approving
 * the newest draft writes its point again with the approver. Nothing is deleted: the history says who made each
 * version, when, what changed, and who approved it. Written on the event loop; readable from any thread.
 */
public final class ScheduleStore {

    /**
     * One version of a commune's schedule.
     *
     * @param communeId  the commune
     * @param number     1, 2, …: grows with every change
     * @param createdAt  when it was made, epoch ms
     * @param author     who made it
     * @param slots      its slots
     * @param summary    what changed from the version before, in words
     * @param approvedBy who approved it, or null (a draft)
     * @param approvedAt when, or null
     */
    public record Version(String communeId, int number, long createdAt, String author, List<Slot> slots,
            String summary, String approvedBy, Long approvedAt) {

        public Version {
            slots = List.copyOf(slots);
        }

        /** Whether it has been approved (only approved versions reach the devices). */
        public boolean approved() {
            return approvedAt != null;
        }

        /** The schedule it describes. */
        public Schedule schedule() {
            return new Schedule(communeId, slots);
        }
    }

    /** Why a change cannot be made now (an HTTP 409 for the API). */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private final InfluxHttpClient influx;
    private final PointSink sink;
    private volatile Map<String, List<Version>> versions = Map.of();
    private volatile boolean loaded;

    public ScheduleStore(InfluxHttpClient influx, PointSink sink) {
        this.influx = influx;
        this.sink = sink;
    }

    /** Whether the versions have been loaded from storage (before, nothing may be saved: numbers would clash). */
    public boolean loaded() {
        return loaded;
    }

    /** Every version of the commune's schedule, newest first. */
    public List<Version> history(String communeId) {
        List<Version> list = new ArrayList<>(versions.getOrDefault(communeId, List.of()));
        list.sort(Comparator.comparingInt(Version::number).reversed());
        return list;
    }

    /** The newest version, draft or approved. */
    public Optional<Version> latest(String communeId) {
        List<Version> list = versions.getOrDefault(communeId, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** The schedule in force: the newest approved version. */
    public Optional<Version> approved(String communeId) {
        List<Version> list = versions.getOrDefault(communeId, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).approved()) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every commune with an approved schedule, and it. */
    public Map<String, Version> allApproved() {
        Map<String, Version> out = new LinkedHashMap<>();
        for (String commune : versions.keySet()) {
            approved(commune).ifPresent(v -> out.put(commune, v));
        }
        return out;
    }

    /**
     * Stores a new draft (the caller has checked it with {@link ScheduleRules}); its summary compares it with the
     * newest version. The Future completes once it is durable.
     */
    public Future<Version> saveDraft(String communeId, List<Slot> slots, String author, long now) {
        Optional<Version> previous = latest(communeId);
        long at = previous.map(v -> Math.max(now, v.createdAt() + 1)).orElse(now);
        Version draft = new Version(communeId, previous.map(v -> v.number() + 1).orElse(1), at, author, slots,
                summary(previous.map(Version::slots).orElse(List.of()), slots), null, null);
        return sink.write(List.of(line(draft))).map(v -> {
            put(draft);
            return draft;
        });
    }

    /**
     * Approves version {@code number}, which must be the newest and a draft: an older draft was replaced by a newer
     * one, which is what would be approved instead. Fails with {@link Conflict} otherwise.
     */
    public Future<Version> approve(String communeId, int number, String approver, long now) {
        Optional<Version> newest = latest(communeId);
        if (newest.isEmpty()) {
            return Future.failedFuture(new Conflict("the commune has no schedule yet"));
        }
        Version version = newest.get();
        if (version.number() != number) {
            return Future.failedFuture(new Conflict("version " + number + " is not the newest (" + version.number()
                    + " is): approve that one, after reading it"));
        }
        if (version.approved()) {
            return Future.failedFuture(new Conflict("version " + number + " was approved already, by "
                    + version.approvedBy()));
        }
        Version approved = new Version(communeId, version.number(), version.createdAt(), version.author(),
                version.slots(), version.summary(), approver, now);
        return sink.write(List.of(line(approved))).map(v -> {
            put(approved);
            return approved;
        });
    }

    /** Reloads every version from storage (at start). */
    public Future<Void> refresh() {
        return influx.query("SELECT * FROM " + QueryRows.identifier(StorageSchema.SCHEDULE) + " GROUP BY "
                + QueryRows.identifier(StorageSchema.SCHEDULE_PLACE)).map(answer -> {
            Map<String, List<Version>> loaded = new HashMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Version version = parse(row);
                loaded.computeIfAbsent(version.communeId(), k -> new ArrayList<>()).add(version);
            }
            loaded.values().forEach(list -> list.sort(Comparator.comparingInt(Version::number)));
            versions = Map.copyOf(loaded);
            this.loaded = true;
            return null;
        });
    }

    private synchronized void put(Version version) {
        Map<String, List<Version>> copy = new HashMap<>(versions);
        List<Version> list = new ArrayList<>(copy.getOrDefault(version.communeId(), List.of()));
        list.removeIf(v -> v.number() == version.number());
        list.add(version);
        list.sort(Comparator.comparingInt(Version::number));
        copy.put(version.communeId(), List.copyOf(list));
        versions = Map.copyOf(copy);
    }

    private static String line(Version version) {
        return StorageSchema.schedule(version.communeId(), version.createdAt(), version.number(), version.author(),
                ScheduleJson.write(version.slots()).encode(), version.summary(), version.approvedBy(),
                version.approvedAt());
    }

    private static Version parse(JsonObject row) {
        ScheduleJson.Read slots = ScheduleJson.read(new JsonArray(row.getString("slots", "[]")));
        Number approvedAt = (Number) row.getValue("approved_at");
        return new Version(row.getString(StorageSchema.SCHEDULE_PLACE), row.getInteger("version"),
                row.getLong("time"), row.getString("author"), slots.slots(), row.getString("summary", ""),
                row.getString("approved_by"), approvedAt == null ? null : approvedAt.longValue());
    }

    /** What changed between two lists of slots, by slot id: "added …; changed …; removed …", or "no change". */
    static String summary(List<Slot> before, List<Slot> after) {
        Map<String, Slot> old = new LinkedHashMap<>();
        before.forEach(slot -> old.put(slot.id(), slot));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Slot slot : after) {
            Slot was = old.remove(slot.id());
            if (was == null) {
                added.add(slot.id());
            } else if (!was.equals(slot)) {
                changed.add(slot.id());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(", ", changed));
        }
        if (!old.isEmpty()) {
            parts.add("removed " + String.join(", ", old.keySet()));
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }
}

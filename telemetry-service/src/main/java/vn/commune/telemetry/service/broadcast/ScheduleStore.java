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
import java.util.Set;
import java.util.TreeSet;
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
     * @param effectiveFrom from when it is in force, or null (a draft); an approver may date it back (the commune has
     *                   followed it on paper since) or ahead (next month's schedule), by default its approval
     */
    public record Version(String communeId, int number, long createdAt, String author, List<Slot> slots,
            String summary, String approvedBy, Long approvedAt, Long effectiveFrom) {

        public Version {
            slots = List.copyOf(slots);
        }

        /** Whether it has been approved (only approved versions reach the devices). */
        public boolean approved() {
            return approvedAt != null;
        }

        /** Whether it is in force at {@code t} unless a newer version is ({@link ScheduleStore#inForce}). */
        public boolean effectiveAt(long t) {
            return effectiveFrom != null && effectiveFrom <= t;
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

    /**
     * The version in force at {@code t}: of the approved versions effective by then, the newest. A version approved
     * later supersedes an older one from its own effective date on, whatever the older one's.
     */
    public Optional<Version> inForce(String communeId, long t) {
        List<Version> list = versions.getOrDefault(communeId, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).effectiveAt(t)) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * A stretch of time with one version in force.
     *
     * @param version the version
     * @param from    start, epoch ms (inclusive)
     * @param to      end, epoch ms (exclusive)
     */
    public record InForce(Version version, long from, long to) {
    }

    /** The versions in force during {@code [from, to)}, in time order, without the stretches with none. */
    public List<InForce> inForce(String communeId, long from, long to) {
        List<Version> list = versions.getOrDefault(communeId, List.of());
        TreeSet<Long> bounds = new TreeSet<>();
        bounds.add(from);
        for (Version version : list) {
            if (version.effectiveFrom() != null && version.effectiveFrom() > from && version.effectiveFrom() < to) {
                bounds.add(version.effectiveFrom());
            }
        }
        bounds.add(to);
        List<InForce> out = new ArrayList<>();
        Long start = null;
        for (long bound : bounds) {
            if (start != null) {
                Optional<Version> version = inForce(communeId, start);
                if (version.isPresent()) {
                    InForce last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (last != null && last.version().equals(version.get()) && last.to() == start) {
                        out.set(out.size() - 1, new InForce(last.version(), last.from(), bound));
                    } else {
                        out.add(new InForce(version.get(), start, bound));
                    }
                }
            }
            start = bound;
        }
        return out;
    }

    /** The newest approved version, in force or not yet. */
    public Optional<Version> approved(String communeId) {
        List<Version> list = versions.getOrDefault(communeId, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).approved()) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every commune with a schedule version, draft or approved. */
    public Set<String> communes() {
        return versions.keySet();
    }

    /**
     * Stores a new draft (the caller has checked it with {@link ScheduleRules}); its summary compares it with the
     * newest version. The Future completes once it is durable.
     */
    public Future<Version> saveDraft(String communeId, List<Slot> slots, String author, long now) {
        Optional<Version> previous = latest(communeId);
        long at = previous.map(v -> Math.max(now, v.createdAt() + 1)).orElse(now);
        Version draft = new Version(communeId, previous.map(v -> v.number() + 1).orElse(1), at, author, slots,
                summary(previous.map(Version::slots).orElse(List.of()), slots), null, null, null);
        return sink.write(List.of(line(draft))).map(v -> {
            put(draft);
            return draft;
        });
    }

    /**
     * Approves version {@code number}, which must be the newest and a draft: an older draft was replaced by a newer
     * one, which is what would be approved instead. Fails with {@link Conflict} otherwise. It is in force from
     * {@code effectiveFrom} (null: now).
     */
    public Future<Version> approve(String communeId, int number, String approver, long now, Long effectiveFrom) {
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
                version.slots(), version.summary(), approver, now, effectiveFrom == null ? now : effectiveFrom);
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
                version.approvedAt(), version.effectiveFrom());
    }

    private static Version parse(JsonObject row) {
        ScheduleJson.Read slots = ScheduleJson.read(new JsonArray(row.getString("slots", "[]")));
        Number approvedAt = (Number) row.getValue("approved_at");
        Number effectiveFrom = (Number) row.getValue("effective_from");
        return new Version(row.getString(StorageSchema.SCHEDULE_PLACE), row.getInteger("version"),
                row.getLong("time"), row.getString("author"), slots.slots(), row.getString("summary", ""),
                row.getString("approved_by"), approvedAt == null ? null : approvedAt.longValue(),
                approvedAt == null ? null : effectiveFrom == null ? approvedAt.longValue() : effectiveFrom.longValue());
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

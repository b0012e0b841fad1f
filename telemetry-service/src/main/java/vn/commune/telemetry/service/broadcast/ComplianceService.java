package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.ScheduleTimeline;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.service.uptime.Segment;
import vn.commune.telemetry.service.uptime.Timelines;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Broadcast compliance of the loudspeakers under a place over a period, computed on demand from what is stored: the
 * schedule versions in force and the emergencies (what should have aired), the loudspeakers' broadcast and power
 * events and reported amplifier faults (InfluxDB), and their state timelines (memory). Nothing is kept between
 * requests, so the figures are exact from event time and late data repaints them.
 */
public final class ComplianceService {

    /** How far before the period events are read, for a play or power cut that runs into it (the longest slot). */
    static final long LOOKBACK_MS = 86_400_000L;

    /**
     * The compliance of a place over a period.
     *
     * @param place     the place
     * @param from      start, epoch ms
     * @param to        end, epoch ms (cut at the present)
     * @param threshold the share below which a slot is missed
     * @param slots     every occurrence at every loudspeaker, by loudspeaker in inventory order, then in time order
     * @param plays     every loudspeaker's plays that overlap the period
     * @param timelines the state timelines the figures were computed with
     */
    public record Result(Place place, long from, long to, double threshold,
            List<ComplianceCalculator.SlotPlay> slots, Map<String, List<ComplianceCalculator.Play>> plays,
            Timelines timelines) {
    }

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final ScheduleStore schedules;
    private final EmergencyStore emergencies;
    private final UptimeService uptime;
    private final InfluxHttpClient influx;
    private final double threshold;

    public ComplianceService(Vertx vertx, Supplier<Inventory> inventory, ScheduleStore schedules,
            EmergencyStore emergencies, UptimeService uptime, InfluxHttpClient influx, double threshold) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.schedules = schedules;
        this.emergencies = emergencies;
        this.uptime = uptime;
        this.influx = influx;
        this.threshold = threshold;
    }

    /** The share below which a slot is missed. */
    public double threshold() {
        return threshold;
    }

    /** What every loudspeaker of the commune should air during {@code [from, to)}, by loudspeaker. */
    public Map<String, List<Airing>> expected(Inventory inv, String communeId, List<Device> speakers, long from,
            long to) {
        List<ScheduleStore.InForce> stretches = schedules.inForce(communeId, from, to);
        List<Emergency> commune = emergencies.ofCommune(communeId);
        List<long[]> bounds = new ArrayList<>();
        List<ScheduleStore.Version> versions = new ArrayList<>();
        long cursor = from;
        for (ScheduleStore.InForce stretch : stretches) {
            if (stretch.from() > cursor) {
                bounds.add(new long[] {cursor, stretch.from()});
                versions.add(null);
            }
            bounds.add(new long[] {stretch.from(), stretch.to()});
            versions.add(stretch.version());
            cursor = stretch.to();
        }
        if (cursor < to) {
            bounds.add(new long[] {cursor, to});
            versions.add(null);
        }
        Map<String, List<Airing>> out = new LinkedHashMap<>();
        for (int i = 0; i < bounds.size(); i++) {
            CommuneSchedule schedule = WireSchedules.of(communeId, versions.get(i), commune, 0, Long.MIN_VALUE);
            ScheduleTimeline timeline = new ScheduleTimeline(schedule);
            Instant a = Instant.ofEpochMilli(bounds.get(i)[0]);
            Instant b = Instant.ofEpochMilli(bounds.get(i)[1]);
            for (Device speaker : speakers) {
                out.computeIfAbsent(speaker.id(), k -> new ArrayList<>())
                        .addAll(timeline.forDevice(speaker.id()).airings(a, b));
            }
        }
        return out;
    }

    /**
     * A play of a scheduled item ends at the latest when the item's occurrence does: a loudspeaker that never said
     * it stopped (its {@code broadcast_ended} lost, or the world stopping around it) is not counted as playing on.
     */
    static ComplianceCalculator.Play bounded(ComplianceCalculator.Play play, List<Airing> expected) {
        if (play.itemId() == null) {
            return play;
        }
        for (Airing airing : expected) {
            long start = airing.scheduledStart().toEpochMilli();
            long stop = airing.scheduledEnd().toEpochMilli();
            if (airing.itemId().equals(play.itemId()) && airing.bulletin() == play.bulletin() && start <= play.from()
                    && play.from() < stop && play.to() > stop) {
                return new ComplianceCalculator.Play(play.itemId(), play.bulletin(), play.program(), play.from(),
                        stop);
            }
        }
        return play;
    }

    /** The compliance of the loudspeakers under {@code place} over {@code [from, to)}. */
    public Future<Result> compute(Place place, long from, long to) {
        Inventory inv = inventory.get();
        Timelines timelines = uptime.timelines(from - LOOKBACK_MS, to);
        long end = timelines.to();
        List<Device> speakers = new ArrayList<>();
        for (Device device : inv.devicesUnder(place.id())) {
            if (device.kind() == DeviceKind.LOUDSPEAKER) {
                speakers.add(device);
            }
        }
        if (speakers.isEmpty() || end <= from) {
            return Future.succeededFuture(new Result(place, from, Math.max(from, end), threshold, List.of(),
                    Map.of(), timelines));
        }
        String where = QueryRows.identifier(place.level()) + " = " + QueryRows.literal(place.id()) + " AND "
                + QueryRows.identifier(StorageSchema.KIND) + " = "
                + QueryRows.literal(DeviceKind.LOUDSPEAKER.wireName());
        // with "v" (on every point): InfluxDB leaves out a row whose selected fields are all null (power events)
        String events = "SELECT " + QueryRows.identifier(StorageSchema.EVENT_TYPE) + ", "
                + QueryRows.identifier(StorageSchema.VERSION) + ", " + QueryRows.identifier("program") + ", "
                + QueryRows.identifier("detail") + " FROM "
                + QueryRows.identifier(StorageSchema.EVENT) + " WHERE " + where + " AND "
                + QueryRows.anyOf(StorageSchema.EVENT_TYPE, List.of(EventType.BROADCAST_STARTED.wireName(),
                        EventType.BROADCAST_ENDED.wireName(), EventType.POWER_LOST.wireName(),
                        EventType.POWER_RESTORED.wireName()))
                + " AND time >= " + QueryRows.time(from - LOOKBACK_MS) + " AND time < " + QueryRows.time(end)
                + " GROUP BY " + QueryRows.identifier(StorageSchema.DEVICE);
        String faults = "SELECT " + QueryRows.identifier("amp_ok") + ", " + QueryRows.identifier("horns_ok")
                + " FROM " + QueryRows.identifier(StorageSchema.STATUS) + " WHERE " + where + " AND ("
                + QueryRows.identifier("amp_ok") + " = false OR " + QueryRows.identifier("horns_ok") + " = 0)"
                + " AND time >= " + QueryRows.time(from - LOOKBACK_MS) + " AND time < " + QueryRows.time(end)
                + " GROUP BY " + QueryRows.identifier(StorageSchema.DEVICE);
        // read in one streaming pass off the event loop (a district's month is tens of thousands of rows), and
        // computed on a worker too
        Map<String, List<ComplianceCalculator.Event>> eventsByDevice = new HashMap<>();
        Map<String, List<long[]>> faultsByDevice = new HashMap<>();
        return influx.queryOffLoop(events + ";" + faults, row -> {
            String id = row.tags().get(StorageSchema.DEVICE);
            if (row.statement() == 0) {
                eventsByDevice.computeIfAbsent(id, k -> new ArrayList<>()).add(new ComplianceCalculator.Event(
                        row.string(StorageSchema.EVENT_TYPE), row.time(), row.string("program"),
                        row.string("detail")));
            } else {
                long ts = row.time();
                long interval = inv.device(id).map(d -> d.statusInterval().toMillis())
                        .orElse(Device.DEFAULT_INTERVAL.toMillis());
                // the fault began after the status before (at most an interval earlier) and lasts until the next
                faultsByDevice.computeIfAbsent(id, k -> new ArrayList<>()).add(new long[] {ts - interval,
                        ts + interval});
            }
        }).compose(v -> vertx.executeBlocking(() -> calculate(inv, place, speakers, from, end, timelines,
                eventsByDevice, faultsByDevice), false));
    }

    private Result calculate(Inventory inv, Place place, List<Device> speakers, long from, long end,
            Timelines timelines, Map<String, List<ComplianceCalculator.Event>> eventsByDevice,
            Map<String, List<long[]>> faultsByDevice) {
        ComplianceCalculator calculator = new ComplianceCalculator(threshold);
        Map<String, List<Device>> byCommune = new LinkedHashMap<>();
        for (Device speaker : speakers) {
            inv.communeOf(speaker.placeId()).ifPresent(commune ->
                    byCommune.computeIfAbsent(commune.id(), k -> new ArrayList<>()).add(speaker));
        }
        Map<String, List<Airing>> expected = new HashMap<>();
        byCommune.forEach((commune, list) -> expected.putAll(expected(inv, commune, list, from, end)));
        List<ComplianceCalculator.SlotPlay> slots = new ArrayList<>();
        Map<String, List<ComplianceCalculator.Play>> plays = new LinkedHashMap<>();
        for (Device speaker : speakers) {
            List<Segment> segments = timelines.of(speaker);
            List<ComplianceCalculator.Event> events = eventsByDevice.getOrDefault(speaker.id(), List.of());
            IntervalSet ampFault = IntervalSet.union(faultsByDevice.getOrDefault(speaker.id(), List.of()));
            slots.addAll(calculator.compute(speaker.id(), expected.getOrDefault(speaker.id(), List.of()), segments,
                    events, ampFault, end));
            List<ComplianceCalculator.Play> own = new ArrayList<>();
            List<Airing> mine = expected.getOrDefault(speaker.id(), List.of());
            for (ComplianceCalculator.Play play : ComplianceCalculator.plays(events, segments, end)) {
                ComplianceCalculator.Play bounded = bounded(play, mine);
                if (bounded.to() > from) {
                    own.add(bounded);
                }
            }
            plays.put(speaker.id(), own);
        }
        return new Result(place, from, end, threshold, slots, plays, timelines);
    }
}

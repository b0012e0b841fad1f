package vn.commune.telemetry.simulator.broadcast;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.protocol.schedule.ScheduleCodec;
import vn.commune.telemetry.protocol.schedule.ScheduleResult;
import vn.commune.telemetry.simulator.clock.EventQueue;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.device.LoudspeakerModel;
import vn.commune.telemetry.simulator.fleet.FleetIndex;

/**
 * Makes loudspeakers follow their commune's retained schedule: applies schedules as they arrive, wakes up at every
 * instant where what a commune airs changes, and tells each loudspeaker to start or stop. A loudspeaker plays the
 * commune's current item when it can ({@link LoudspeakerModel#canPlay()}); an emergency item interrupts, and an
 * interrupted item resumes. A schedule whose commune id differs from its topic's, or that the codec refuses, is
 * ignored and counted; one older (lower version) than the one that applies is ignored (a late retained copy).
 */
public final class BroadcastDirector {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastDirector.class);

    private final Map<String, CommuneBroadcast> communes = new LinkedHashMap<>();
    private final List<DeviceModel> models;
    private final EventQueue queue;
    private final Playback playback;
    private final ScheduleCodec codec = new ScheduleCodec();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final SlotLedger slots;

    /** The item id of a programme a loudspeaker plays of its own accord (no schedule id can be it). */
    static final String OWN_PROGRAM_ID = "-";
    /** What a loudspeaker with an {@code other_program} fault plays instead of its schedule. */
    public static final String OWN_PROGRAM = "Ca nhạc tự chọn";

    /**
     * A director for the loudspeakers of the fleet.
     *
     * @param fleet    the fleet
     * @param models   the device models, in inventory order
     * @param queue    the agenda
     * @param playback what starting and stopping does
     * @param slots    where what each loudspeaker should have aired, and did, is accounted
     */
    public BroadcastDirector(FleetIndex fleet, List<DeviceModel> models, EventQueue queue, Playback playback,
            SlotLedger slots) {
        this.slots = slots;
        this.models = models;
        this.queue = queue;
        this.playback = playback;
        for (String commune : fleet.communes()) {
            List<Integer> speakers = fleet.devicesOfCommune(commune).stream()
                    .filter(i -> models.get(i).kind() == DeviceKind.LOUDSPEAKER)
                    .toList();
            List<String> ids = speakers.stream().map(i -> models.get(i).id()).toList();
            communes.put(commune, new CommuneBroadcast(commune, speakers, ids));
        }
    }

    /** A schedule payload arrived for {@code communeId}; it applies from {@code t}. Empty payload: no schedule. */
    public void arrived(String communeId, byte[] payload, long t) {
        CommuneBroadcast commune = communes.get(communeId);
        if (commune == null) {
            return;
        }
        if (payload.length == 0) {
            apply(commune, null, t);
            return;
        }
        ScheduleResult result = codec.decode(payload);
        if (result instanceof ScheduleResult.Invalid invalid) {
            refused.incrementAndGet();
            LOG.warn("ignoring the schedule of commune {}: {} ({})", communeId, invalid.detail(),
                    invalid.reason().tag());
            return;
        }
        ScheduleResult.Valid valid = (ScheduleResult.Valid) result;
        if (!valid.schedule().communeId().equals(communeId)) {
            refused.incrementAndGet();
            LOG.warn("ignoring a schedule for commune {} published on the topic of commune {}",
                    valid.schedule().communeId(), communeId);
            return;
        }
        if (valid.schedule().version() < commune.version()) {
            LOG.debug("ignoring version {} of the schedule of commune {}: version {} applies already",
                    valid.schedule().version(), communeId, commune.version());
            return;
        }
        apply(commune, valid, t);
    }

    private void apply(CommuneBroadcast commune, ScheduleResult.Valid valid, long t) {
        long generation = commune.replace(valid == null ? null : valid.schedule(), t);
        applied.incrementAndGet();
        LOG.info("commune {}: schedule version {} applies from {}", commune.communeId(), commune.version(),
                Instant.ofEpochMilli(t));
        evaluateAll(commune, t);
        scheduleBoundary(commune, generation, t);
    }

    private void boundary(CommuneBroadcast commune, long generation, long t) {
        if (generation != commune.generation()) {
            return;
        }
        evaluateAll(commune, t);
        scheduleBoundary(commune, generation, t);
    }

    private void scheduleBoundary(CommuneBroadcast commune, long generation, long t) {
        long next = commune.nextBoundary(t);
        if (next != Long.MAX_VALUE) {
            queue.at(next, () -> boundary(commune, generation, next));
        }
    }

    private void evaluateAll(CommuneBroadcast commune, long t) {
        for (int index : commune.speakers()) {
            LoudspeakerModel speaker = (LoudspeakerModel) models.get(index);
            evaluate(speaker, commune.airingAt(speaker.id(), t), commune.version(), t);
        }
    }

    /** Re-decides what a loudspeaker plays at {@code t}, after its own state changed. */
    public void evaluate(LoudspeakerModel speaker, long t) {
        CommuneBroadcast commune = speaker.communeId() == null ? null : communes.get(speaker.communeId());
        Airing airing = commune == null ? null : commune.airingAt(speaker.id(), t);
        evaluate(speaker, airing, commune == null ? -1 : commune.version(), t);
    }

    private void evaluate(LoudspeakerModel speaker, Airing airing, long version, long t) {
        slots.advance(speaker, t);
        Airing desired = speaker.canPlay() ? airing : null;
        if (desired != null && speaker.playsOtherProgram()) {
            desired = new Airing(OWN_PROGRAM_ID, false, OWN_PROGRAM, desired.priority(), desired.start(),
                    desired.end(), desired.scheduledStart(), desired.scheduledEnd());
        }
        Airing current = speaker.playing();
        if (current != null && !current.sameItem(desired)) {
            playback.stop(speaker, t);
        }
        if (desired != null && speaker.playing() == null) {
            playback.start(speaker, desired, version, t);
        }
        slots.expect(speaker, airing, version, t);
    }

    /** Whether the airing is a programme the loudspeaker plays of its own accord, not an item of its schedule. */
    public static boolean isOwnProgram(Airing airing) {
        return OWN_PROGRAM_ID.equals(airing.itemId());
    }

    /** Accounts every loudspeaker up to the end of the run and writes what is still open. */
    public void finish(long end) {
        for (DeviceModel model : models) {
            if (model instanceof LoudspeakerModel speaker) {
                slots.advance(speaker, end);
            }
        }
        slots.closeAll(end);
    }

    /** Schedules applied so far. */
    public long applied() {
        return applied.get();
    }

    /** Schedules refused so far. */
    public long refused() {
        return refused.get();
    }
}

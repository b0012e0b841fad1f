package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.ScheduleCodec;
import vn.commune.telemetry.protocol.schedule.ScheduleResult;
import vn.commune.telemetry.service.ingest.MqttConnection;
import vn.commune.telemetry.service.support.Backoff;
import vn.commune.telemetry.service.support.Slices;

/**
 * Keeps each commune's retained schedule on the broker ({@code cmd/commune/{communeId}/schedule}, QoS 1) equal to
 * what should be there: the version in force and the emergencies not yet over. It publishes at start-up, at once
 * after an approval or an emergency, when an approved version's effective date comes, and again until the broker
 * has acknowledged (the broker or the connection may be down). Each change gets a new {@code version}: the epoch ms
 * of its publication, above every version published before, so a loudspeaker that keeps the highest version it has
 * seen always keeps the newest. Drafts never reach the broker. Runs on the event loop.
 */
public final class SchedulePublisher {

    /** How long ended emergencies stay in the payload (a loudspeaker late to hear of them). */
    static final long KEEP_ENDED_MS = Duration.ofHours(1).toMillis();
    private static final long CHECK_MS = Duration.ofSeconds(30).toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(SchedulePublisher.class);

    /**
     * What was last sent for a commune.
     *
     * @param version      the payload's version
     * @param content      the payload without its version, to tell whether anything changed
     * @param sentAt       when it was sent, epoch ms
     * @param acknowledged whether the broker has acknowledged it
     * @param problem      why it is not acknowledged yet, or null
     */
    public record Delivery(long version, byte[] content, long sentAt, boolean acknowledged, String problem) {
    }

    private final Vertx vertx;
    private final MqttConnection mqtt;
    private final ScheduleStore schedules;
    private final EmergencyStore emergencies;
    private final LongSupplier clock;
    private final ScheduleCodec codec = new ScheduleCodec();
    private final Map<String, Delivery> deliveries = new HashMap<>();
    private final Set<String> sending = new HashSet<>();
    private final Backoff retries = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));
    private long lastVersion;
    private long timer = -1;
    private long retryTimer = -1;

    public SchedulePublisher(Vertx vertx, MqttConnection mqtt, ScheduleStore schedules, EmergencyStore emergencies,
            LongSupplier clock) {
        this.vertx = vertx;
        this.mqtt = mqtt;
        this.schedules = schedules;
        this.emergencies = emergencies;
        this.clock = clock;
    }

    /** Publishes every commune's schedule, then checks every {@value #CHECK_MS} ms what has changed with time. */
    public Future<Void> start() {
        if (timer == -1) {
            timer = vertx.setPeriodic(CHECK_MS, id -> publishAll());
        }
        return publishAll();
    }

    /** Stops checking. */
    public void stop() {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(retryTimer);
    }

    /** What was last sent for the commune, if anything. */
    public Optional<Delivery> delivery(String communeId) {
        return Optional.ofNullable(deliveries.get(communeId));
    }

    /** The commune's schedule or emergencies changed: publishes it now if its payload differs. */
    public Future<Void> changed(String communeId) {
        return publish(communeId);
    }

    /** The schedule the loudspeakers of the commune should have at {@code now}, with version 0. */
    public CommuneSchedule desired(String communeId, long now) {
        ScheduleStore.Version version = schedules.inForce(communeId, now).orElse(null);
        return WireSchedules.of(communeId, version, emergencies.ofCommune(communeId), 0, now - KEEP_ENDED_MS);
    }

    private Future<Void> publishAll() {
        Set<String> communes = new LinkedHashSet<>(schedules.communes());
        emergencies.all().forEach(e -> communes.add(e.communeId()));
        communes.addAll(deliveries.keySet());
        return Slices.forEach(vertx, communes.iterator(), this::publish);
    }

    private Future<Void> publish(String communeId) {
        long now = clock.getAsLong();
        CommuneSchedule desired = desired(communeId, now);
        Delivery last = deliveries.get(communeId);
        if (desired.slots().isEmpty() && desired.bulletins().isEmpty() && last == null) {
            return Future.succeededFuture();
        }
        byte[] content = encode(desired);
        if (content == null) {
            return Future.succeededFuture();
        }
        if (last != null && Arrays.equals(last.content(), content) && (last.acknowledged()
                || sending.contains(communeId))) {
            return Future.succeededFuture();
        }
        long version = last != null && Arrays.equals(last.content(), content) ? last.version()
                : Math.max(now, lastVersion + 1);
        lastVersion = Math.max(lastVersion, version);
        ScheduleResult result = codec.encode(new CommuneSchedule(desired.v(), desired.communeId(), version,
                desired.timezone(), desired.slots(), desired.bulletins()));
        if (!(result instanceof ScheduleResult.Valid valid)) {
            LOG.error("Schedule of {} cannot be published: {}", communeId, ((ScheduleResult.Invalid) result).detail());
            return Future.succeededFuture();
        }
        deliveries.put(communeId, new Delivery(version, content, now, false, null));
        sending.add(communeId);
        return mqtt.publish(Topics.communeSchedule(communeId), valid.payload(), 1, true)
                .onComplete(done -> {
                    sending.remove(communeId);
                    Delivery sent = deliveries.get(communeId);
                    if (sent == null || sent.version() != version) {
                        return;
                    }
                    if (done.succeeded()) {
                        deliveries.put(communeId, new Delivery(version, content, now, true, null));
                        retries.reset();
                        LOG.info("Schedule of {} published (version {}, {} slots, {} bulletins)", communeId, version,
                                desired.slots().size(), desired.bulletins().size());
                    } else {
                        String problem = String.valueOf(done.cause().getMessage());
                        deliveries.put(communeId, new Delivery(version, content, now, false, problem));
                        retryLater(problem);
                    }
                })
                .<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }

    private void retryLater(String problem) {
        if (retryTimer != -1) {
            return;
        }
        long delay = retries.next();
        if (mqtt.isConnected()) {
            LOG.warn("Schedules not published yet ({}); retrying in {} ms", problem, delay);
        } else {
            LOG.info("Schedules wait for the broker ({}); retrying in {} ms", problem, delay);
        }
        retryTimer = vertx.setTimer(delay, id -> {
            retryTimer = -1;
            publishAll();
        });
    }

    private byte[] encode(CommuneSchedule schedule) {
        ScheduleResult result = codec.encode(schedule);
        if (result instanceof ScheduleResult.Valid valid) {
            return valid.payload();
        }
        LOG.error("Schedule of {} cannot be encoded: {}", schedule.communeId(),
                ((ScheduleResult.Invalid) result).detail());
        return null;
    }
}

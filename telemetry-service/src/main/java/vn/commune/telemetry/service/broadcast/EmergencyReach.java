package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * How fast an emergency reached the hamlets: for each targeted loudspeaker, when it first reported playing it (its
 * {@code broadcast_started} event naming the bulletin, at the event's own time), and from that the delay of the first
 * one and the share playing within 1, 5 and 15 minutes of the issue. Read from stored events, so it is exact from
 * event time, survives restarts, and late events (a gateway's backlog) count once they arrive.
 */
public final class EmergencyReach {

    /** The marks the share is reported at, in seconds after the issue. */
    public static final List<Integer> MARKS_S = List.of(60, 300, 900);

    /**
     * The reach of one issue.
     *
     * @param id         the issue
     * @param issuedAt   when, epoch ms
     * @param targeted   the loudspeakers targeted, in every commune of the issue
     * @param firstPlay  each loudspeaker that played it, and when it started first (epoch ms)
     * @param asOf       when this was computed (the marks after it are not final)
     */
    public record Reach(String id, long issuedAt, List<String> targeted, Map<String, Long> firstPlay, long asOf) {

        /** Seconds from the issue to the first loudspeaker playing, or null when none has. */
        public Double firstDelaySeconds() {
            return firstPlay.values().stream().mapToLong(Long::longValue).min().stream()
                    .mapToDouble(t -> Math.max(0, t - issuedAt) / 1000.0).boxed().findFirst().orElse(null);
        }

        /** How many targeted loudspeakers played within {@code seconds} of the issue. */
        public int within(int seconds) {
            long limit = issuedAt + seconds * 1000L;
            return (int) firstPlay.values().stream().filter(t -> t <= limit).count();
        }

        /** As JSON for the API. */
        public JsonObject json() {
            JsonObject marks = new JsonObject();
            for (int mark : MARKS_S) {
                int count = within(mark);
                marks.put(mark / 60 + "m", new JsonObject().put("playing", count)
                        .put("share", targeted.isEmpty() ? null : (double) count / targeted.size())
                        .put("final", asOf >= issuedAt + mark * 1000L));
            }
            JsonObject devices = new JsonObject();
            for (String device : targeted) {
                Long at = firstPlay.get(device);
                devices.put(device, at == null ? null : new JsonObject()
                        .put("started_at", Instant.ofEpochMilli(at).toString())
                        .put("delay_s", Math.max(0, at - issuedAt) / 1000.0));
            }
            return new JsonObject()
                    .put("targeted", targeted.size())
                    .put("playing", firstPlay.size())
                    .put("first_delay_s", firstDelaySeconds())
                    .put("within", marks)
                    .put("devices", devices);
        }
    }

    private final InfluxHttpClient influx;

    public EmergencyReach(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /** The reach of an issue (its parts, one per commune), as of {@code now}. */
    public Future<Reach> of(List<Emergency> parts, long now) {
        Emergency first = parts.get(0);
        List<String> targeted = new ArrayList<>();
        parts.forEach(part -> targeted.addAll(part.devices()));
        long until = parts.stream().mapToLong(Emergency::effectiveEnd).max().orElse(first.end());
        String query = "SELECT first(" + QueryRows.identifier("detail") + ") FROM "
                + QueryRows.identifier(StorageSchema.EVENT) + " WHERE "
                + QueryRows.identifier(StorageSchema.EVENT_TYPE) + " = "
                + QueryRows.literal(EventType.BROADCAST_STARTED.wireName()) + " AND "
                + QueryRows.identifier("detail") + " = " + QueryRows.literal("bulletin " + first.id())
                + " AND time >= " + QueryRows.time(first.start()) + " AND time < " + QueryRows.time(until)
                + " GROUP BY " + QueryRows.identifier(StorageSchema.DEVICE);
        return influx.query(query).map(answer -> {
            Map<String, Long> played = new HashMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                played.put(row.getString(StorageSchema.DEVICE), ((Number) row.getValue("time")).longValue());
            }
            Map<String, Long> firstPlay = new LinkedHashMap<>();
            for (String device : targeted) {
                if (played.containsKey(device)) {
                    firstPlay.put(device, played.get(device));
                }
            }
            return new Reach(first.id(), first.start(), targeted, firstPlay, now);
        });
    }
}

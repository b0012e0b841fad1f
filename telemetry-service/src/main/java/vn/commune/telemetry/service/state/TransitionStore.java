package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.QueryStream;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Transitions in InfluxDB: measurement {@code transition}, the device's tags ({@code device}, {@code kind}, one per
 * inventory level), fields {@code state}, {@code cause}, {@code retracted} and, on timeouts, {@code last_life}; time =
 * the instant. Late data marks a point that is no longer a transition as retracted (cause {@code retracted}), so
 * history never needs a delete; the ordered writer keeps the writes of one point in order.
 */
public final class TransitionStore {

    private static final String MEASUREMENT = QueryRows.identifier(StorageSchema.TRANSITION);
    private static final String CAUSE = QueryRows.identifier(StorageSchema.CAUSE);
    private static final String LAST_LIFE = QueryRows.identifier(StorageSchema.LAST_LIFE);
    private static final String BY_DEVICE = " GROUP BY " + QueryRows.identifier(StorageSchema.DEVICE);

    private final InfluxHttpClient influx;

    public TransitionStore(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /**
     * The line of one transition point; {@code retracted} marks an instant that once held a transition and no longer
     * does (late data changed the history): such points are skipped when history is loaded.
     */
    public static String line(Map<String, String> tags, Transition transition, Long lastLife, boolean retracted) {
        return StorageSchema.transition(tags, transition.at(), transition.state().wireName(),
                transition.cause().wireName(), lastLife, retracted);
    }


    /**
     * Transitions as loaded: each device's in time order, and for timeouts the last sign of life they follow
     * (device → instant of the timeout → last sign of life), which recovery rebuilds the evidence from.
     *
     * @param transitions per device
     * @param lastLife    per device, for the timeouts that carry it
     */
    public record Loaded(Map<String, List<Transition>> transitions, Map<String, Map<Long, Long>> lastLife) {
    }

    /**
     * Every device's transitions in {@code [from, to)}, each list preceded by the last one before {@code from}
     * (looked for back to {@code oldest}), so that the state at {@code from} is known.
     */
    public Future<Loaded> load(long from, long to, long oldest) {
        // one query: every part of a split query visits every device's series (measured slower); no field filter:
        // a retracted point has the cause "retracted" and is skipped when read
        String query = "SELECT " + CAUSE + " FROM " + MEASUREMENT + " WHERE time < " + QueryRows.time(from)
                + " AND time >= " + QueryRows.time(oldest) + " AND " + CAUSE + " != "
                + QueryRows.literal(StorageSchema.RETRACTED_CAUSE) + BY_DEVICE + " ORDER BY time DESC LIMIT 1; SELECT "
                + CAUSE + ", " + LAST_LIFE + " FROM " + MEASUREMENT + " WHERE time >= " + QueryRows.time(from)
                + " AND time < " + QueryRows.time(to) + BY_DEVICE;
        Loaded loaded = new Loaded(new HashMap<>(), new HashMap<>());
        return influx.queryOffLoop(query, row -> add(loaded, row)).map(loaded);
    }

    private static void add(Loaded loaded, QueryStream.Row row) {
        String device = row.tags().get(StorageSchema.DEVICE);
        if (device == null) {
            return;
        }
        long at = row.time();
        if (row.value(StorageSchema.LAST_LIFE) instanceof Number lastLife) {
            loaded.lastLife().computeIfAbsent(device, k -> new HashMap<>()).put(at, lastLife.longValue());
        }
        // a retracted point's cause ("retracted") is no cause: skipped
        Cause cause = row.value(StorageSchema.CAUSE) instanceof String wire ? Cause.fromWire(wire).orElse(null) : null;
        if (cause != null) {
            loaded.transitions().computeIfAbsent(device, k -> new ArrayList<>()).add(new Transition(at, cause));
        }
    }
}

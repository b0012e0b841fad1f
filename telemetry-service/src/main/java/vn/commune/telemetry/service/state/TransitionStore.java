package vn.commune.telemetry.service.state;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;

/**
 * Transitions in InfluxDB: measurement {@code transition}, the device's tags ({@code device}, {@code kind}, one per
 * inventory level), fields {@code state}, {@code cause} and {@code retracted}, time = the instant. A repaint marks a
 * point that is no longer a transition as retracted, so history never needs a delete; {@link TransitionWriter} keeps
 * the writes of one point in order.
 */
public final class TransitionStore {

    /** The measurement. */
    public static final String MEASUREMENT = "transition";
    /** The field of a timeout with the instant of the last sign of life before it. */
    public static final String LAST_LIFE = "last_life";

    private final InfluxHttpClient influx;

    public TransitionStore(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /**
     * The line of one transition point; {@code retracted} marks an instant that once held a transition and no longer
     * does (late data changed the history): such points are skipped when history is loaded.
     */
    public static String line(Map<String, String> tags, Transition transition, Long lastLife, boolean retracted) {
        Point point = Point.measurement(MEASUREMENT).addTags(tags)
                .addField("state", transition.state().wireName())
                .addField("cause", transition.cause().wireName())
                .addField("retracted", retracted);
        if (lastLife != null) {
            point.addField(LAST_LIFE, lastLife.longValue());
        }
        return point.time(transition.at(), WritePrecision.MS).toLineProtocol();
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
        String range = " WHERE time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to);
        String before = " WHERE time < " + QueryRows.time(from) + " AND time >= " + QueryRows.time(oldest);
        String query = "SELECT cause, " + LAST_LIFE + " FROM " + MEASUREMENT + before
                + " AND retracted = false GROUP BY device ORDER BY time DESC LIMIT 1; SELECT cause, " + LAST_LIFE
                + " FROM " + MEASUREMENT + range + " AND retracted = false GROUP BY device";
        return influx.queryOffLoop(query, answer -> {
            Loaded loaded = new Loaded(new HashMap<>(), new HashMap<>());
            add(loaded, QueryRows.of(answer, 0));
            add(loaded, QueryRows.of(answer, 1));
            return loaded;
        });
    }

    private static void add(Loaded loaded, List<JsonObject> rows) {
        for (JsonObject row : rows) {
            Cause cause = Cause.fromWire(row.getString("cause", "")).orElse(null);
            String device = row.getString("device");
            if (cause != null && device != null) {
                long at = row.getLong("time");
                loaded.transitions().computeIfAbsent(device, k -> new ArrayList<>()).add(new Transition(at, cause));
                if (row.getValue(LAST_LIFE) instanceof Number lastLife) {
                    loaded.lastLife().computeIfAbsent(device, k -> new HashMap<>()).put(at, lastLife.longValue());
                }
            }
        }
    }
}

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
 * inventory level), fields {@code state} and {@code cause}, time = the instant. A repaint overwrites a stale point
 * with the cause then in force (a no-op), so history never needs a delete.
 */
public final class TransitionStore {

    /** The measurement. */
    public static final String MEASUREMENT = "transition";

    private final InfluxHttpClient influx;

    public TransitionStore(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /** The line of one transition. */
    public static String line(Map<String, String> tags, Transition transition) {
        return Point.measurement(MEASUREMENT).addTags(tags)
                .addField("state", transition.state().wireName())
                .addField("cause", transition.cause().wireName())
                .time(transition.at(), WritePrecision.MS)
                .toLineProtocol();
    }

    /**
     * Every device's transitions in {@code [from, to)}, each list preceded by the last one before {@code from}
     * (looked for back to {@code oldest}), so that the state at {@code from} is known.
     */
    public Future<Map<String, List<Transition>>> load(long from, long to, long oldest) {
        String range = " WHERE time >= " + QueryRows.time(from) + " AND time < " + QueryRows.time(to);
        String before = " WHERE time < " + QueryRows.time(from) + " AND time >= " + QueryRows.time(oldest);
        String query = "SELECT cause FROM " + MEASUREMENT + before + " GROUP BY device ORDER BY time DESC LIMIT 1; "
                + "SELECT cause FROM " + MEASUREMENT + range + " GROUP BY device";
        return influx.query(query).map(answer -> {
            Map<String, List<Transition>> result = new HashMap<>();
            add(result, QueryRows.of(answer, 0));
            add(result, QueryRows.of(answer, 1));
            return result;
        });
    }

    private static void add(Map<String, List<Transition>> result, List<JsonObject> rows) {
        for (JsonObject row : rows) {
            Cause cause = Cause.fromWire(row.getString("cause", "")).orElse(null);
            String device = row.getString("device");
            if (cause != null && device != null) {
                result.computeIfAbsent(device, k -> new ArrayList<>()).add(new Transition(row.getLong("time"), cause));
            }
        }
    }
}

package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.service.ingest.PointEncoder;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;

/** Reads devices' evidence back from the stored messages ({@code status}, {@code event}, {@code state}). */
public final class EvidenceReader implements EvidenceSource {

    /**
     * One device's stored evidence around a repaint.
     *
     * @param before   the last two pieces of evidence before the cut (fewer when the lookback has fewer), in
     *                 {@link Evidence#ORDER}
     * @param evidence everything from the cut on, in {@link Evidence#ORDER}
     */
    public record Stored(List<Evidence> before, List<Evidence> evidence) {

        /** Copies the lists. */
        public Stored {
            before = List.copyOf(before);
            evidence = List.copyOf(evidence);
        }
    }

    private final InfluxHttpClient influx;

    public EvidenceReader(InfluxHttpClient influx) {
        this.influx = influx;
    }

    /** The evidence of {@code devices} from {@code cut} on, and the last two before it back to the lookback. */
    @Override
    public Future<Map<String, Stored>> read(List<String> devices, long cut, long lookbackMillis, long until) {
        String who = QueryRows.anyOf("device", devices);
        String after = " WHERE time >= " + QueryRows.time(cut) + " AND time <= " + QueryRows.time(until) + " AND "
                + who + " GROUP BY device";
        String before = " WHERE time < " + QueryRows.time(cut) + " AND time >= "
                + QueryRows.time(cut - lookbackMillis) + " AND " + who + " GROUP BY device ORDER BY time DESC LIMIT 2";
        String status = "SELECT v FROM " + QueryRows.identifier(PointEncoder.STATUS);
        String event = "SELECT v FROM " + QueryRows.identifier(PointEncoder.EVENT);
        String state = "SELECT state, will FROM " + QueryRows.identifier(PointEncoder.STATE);
        String query = String.join("; ", status + after, event + after, state + after, status + before,
                event + before, state + before);
        return influx.query(query).map(answer -> {
            Map<String, List<Evidence>> found = new HashMap<>();
            Map<String, List<Evidence>> seeds = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                for (JsonObject row : QueryRows.of(answer, i)) {
                    found.computeIfAbsent(row.getString("device"), k -> new ArrayList<>()).add(evidence(row, i));
                }
                for (JsonObject row : QueryRows.of(answer, i + 3)) {
                    seeds.computeIfAbsent(row.getString("device"), k -> new ArrayList<>()).add(evidence(row, i));
                }
            }
            Map<String, Stored> result = new HashMap<>();
            for (String device : devices) {
                List<Evidence> list = found.getOrDefault(device, new ArrayList<>());
                list.sort(Evidence.ORDER);
                List<Evidence> last = seeds.getOrDefault(device, new ArrayList<>());
                last.sort(Evidence.ORDER);
                result.put(device, new Stored(last.subList(Math.max(0, last.size() - 2), last.size()), list));
            }
            return result;
        });
    }

    private static Evidence evidence(JsonObject row, int measurement) {
        long at = row.getLong("time");
        return switch (measurement) {
            case 0 -> new Evidence(at, Cause.STATUS);
            case 1 -> new Evidence(at, Cause.EVENT);
            default -> "online".equals(row.getString("state")) ? new Evidence(at, Cause.ONLINE)
                    : new Evidence(at, Boolean.TRUE.equals(row.getBoolean("will")) ? Cause.WILL : Cause.OFFLINE);
        };
    }
}

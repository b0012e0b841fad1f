package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Alerts and the log of notifications sent, kept in InfluxDB through the ordered state writer: measurement {@code
 * alert} (one point per alert, tags rule and device, time = when it fired, rewritten at each change) and {@code
 * notification} (one point per notification delivered or given up). At start-up the open alerts and what was sent
 * for them are read back, so that nothing is sent twice and nothing is forgotten.
 */
public final class AlertStore {

    /**
     * What start-up finds.
     *
     * @param open    the alerts open when the service stopped
     * @param sent    the {@code alertId + "/" + kind} of every notification delivered for them
     * @param people  per alert, the people a notification of it was delivered to
     * @param firstAt per alert, when its firing was first delivered
     */
    public record Loaded(List<Alert> open, Set<String> sent, Map<String, Set<String>> people,
            Map<String, Long> firstAt) {
    }

    private static final int IDS_PER_QUERY = 200;

    private final InfluxHttpClient influx;
    private final PointSink sink;

    public AlertStore(InfluxHttpClient influx, PointSink sink) {
        this.influx = influx;
        this.sink = sink;
    }

    /** Stores an alert's current form; the Future completes once it is durable. */
    public Future<Void> save(Alert alert) {
        return sink.write(List.of(StorageSchema.alert(alert.ruleId(), alert.deviceId(), alert.firedAt(), alert.id(),
                alert.type().wireName(), alert.severity().wireName(), alert.state().wireName(), alert.since(),
                alert.ackedBy(), alert.ackNote(), alert.ackedAt(), alert.resolvedAt())));
    }

    /** Records a notification: delivered ({@code ok}) or given up. */
    public Future<Void> logNotification(Alert alert, String kind, String channel, String recipient, long at,
            boolean ok, int attempts, String error) {
        return sink.write(List.of(StorageSchema.notification(alert.id(), kind, channel, recipient, at, ok, attempts,
                error)));
    }

    /** The alerts open at the last stop and the notifications delivered for them (only theirs are read). */
    public Future<Loaded> load() {
        String alerts = "SELECT * FROM " + QueryRows.identifier(StorageSchema.ALERT) + " WHERE "
                + QueryRows.identifier("state") + " != 'resolved'";
        return influx.query(alerts).compose(answer -> {
            Map<String, Alert> open = new HashMap<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Alert alert = parse(row);
                if (alert != null) {
                    open.put(alert.id(), alert);
                }
            }
            Loaded loaded = new Loaded(new ArrayList<>(open.values()), new HashSet<>(), new HashMap<>(),
                    new HashMap<>());
            List<String> ids = new ArrayList<>(open.keySet());
            Future<Void> chain = Future.succeededFuture();
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                chain = chain.compose(v -> influx.query("SELECT * FROM "
                        + QueryRows.identifier(StorageSchema.NOTIFICATION) + " WHERE "
                        + QueryRows.identifier("ok") + " = true AND "
                        + QueryRows.anyOf(StorageSchema.NOTIFICATION_ALERT, some)).map(rows -> {
                            for (JsonObject row : QueryRows.of(rows, 0)) {
                                delivered(loaded, row);
                            }
                            return null;
                        }));
            }
            return chain.map(v -> loaded);
        });
    }

    private static void delivered(Loaded loaded, JsonObject row) {
        String id = row.getString(StorageSchema.NOTIFICATION_ALERT);
        String kind = row.getString(StorageSchema.NOTIFICATION_KIND);
        loaded.sent().add(id + "/" + kind);
        String recipient = row.getString(StorageSchema.NOTIFICATION_RECIPIENT);
        if (recipient != null && !recipient.equals("-")) {
            loaded.people().computeIfAbsent(id, k -> new HashSet<>()).add(recipient);
        }
        Long at = number(row, "time");
        if ("firing".equals(kind) && at != null) {
            loaded.firstAt().merge(id, at, Math::min);
        }
    }

    /** Every alert (open or resolved) that fired in {@code [from, to)}, newest first. */
    public Future<List<Alert>> history(long from, long to) {
        return influx.query("SELECT * FROM " + QueryRows.identifier(StorageSchema.ALERT) + " WHERE time >= "
                + QueryRows.time(from) + " AND time < " + QueryRows.time(to) + " ORDER BY time DESC").map(answer -> {
            List<Alert> out = new ArrayList<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                Alert alert = parse(row);
                if (alert != null) {
                    out.add(alert);
                }
            }
            return out;
        });
    }

    private static Alert parse(JsonObject row) {
        RuleType type = RuleType.fromStored(row.getString("type", "")).orElse(null);
        Severity severity = Severity.fromWire(row.getString("severity", "")).orElse(null);
        Alert.State state = switch (row.getString("state", "")) {
            case "firing" -> Alert.State.FIRING;
            case "acknowledged" -> Alert.State.ACKNOWLEDGED;
            case "resolved" -> Alert.State.RESOLVED;
            default -> null;
        };
        if (type == null || severity == null || state == null) {
            return null;
        }
        return new Alert(row.getString("id"), row.getString(StorageSchema.ALERT_RULE), type, severity,
                row.getString(StorageSchema.DEVICE), row.getLong("since"), row.getLong("time"), state,
                row.getString("acked_by"), row.getString("ack_note"), number(row, "acked_at"),
                number(row, "resolved_at"));
    }

    private static Long number(JsonObject row, String key) {
        Object value = row.getValue(key);
        return value instanceof Number number ? number.longValue() : null;
    }
}

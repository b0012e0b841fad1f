package vn.commune.telemetry.service.storage;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.Map;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * What the service stores in InfluxDB: every measurement, tag and field name, and the builder of every point, through
 * influxdb-client-java's {@link Point} (which escapes tags and fields: a device's strings can never add a point, a
 * tag or a field). The layout is the table "Storage layout" of the telemetry-service README; the reads that go with
 * it are {@link StatusReads} and those of the feature packages, which use these names.
 */
public final class StorageSchema {

    /** Periodic status messages: the status fields of the protocol, and {@link #VERSION}. */
    public static final String STATUS = "status";
    /** Events: tag {@link #EVENT_TYPE}, their fields. */
    public static final String EVENT = "event";
    /** Connection state messages, Wills included: fields {@link #STATE}, {@link #WILL}. */
    public static final String STATE = "state";
    /** Device state transitions: fields {@link #STATE}, {@link #CAUSE}, {@link #RETRACTED}, {@link #LAST_LIFE}. */
    public static final String TRANSITION = "transition";
    /** When each instance of the service ran: tag {@link #INSTANCE}, fields {@link #UNTIL}, {@link #CLEAN}. */
    public static final String SERVICE_RUN = "service_run";
    /** Maintenance windows: tag {@link #WINDOW_ID}. */
    public static final String MAINTENANCE = "maintenance";
    /** Alert silences, stored as maintenance windows are: tag {@link #WINDOW_ID}. */
    public static final String SILENCE = "silence";
    /**
     * Versions of communes' broadcast schedules: tag {@link #SCHEDULE_PLACE}, time = when the version was made;
     * fields {@code version}, {@code author}, {@code slots} (JSON), {@code summary}, and once approved
     * {@code approved_by}, {@code approved_at}, {@code effective_from}.
     */
    public static final String SCHEDULE = "schedule";

    /**
     * Emergency broadcasts: tags {@link #EMERGENCY_ID}, {@link #SCHEDULE_PLACE} (the commune), time = issue; fields
     * {@code program}, {@code end}, {@code villages} and {@code devices} (JSON arrays), {@code issued_by}, and once
     * cancelled {@code cancelled_at}, {@code cancelled_by}.
     */
    public static final String EMERGENCY = "emergency";
    /** Tag of {@link #EMERGENCY}: the id. */
    public static final String EMERGENCY_ID = "id";

    /**
     * Alerts: tags {@link #ALERT_RULE}, {@link #DEVICE}; time = when it fired; fields {@code id}, {@code type},
     * {@code severity}, {@code state}, {@code since}, and as they happen {@code acked_by}, {@code ack_note},
     * {@code acked_at}, {@code resolved_at}. Rewritten (same series and time) at every change.
     */
    public static final String ALERT = "alert";
    /** Tag of {@link #ALERT}: the rule. */
    public static final String ALERT_RULE = "rule";
    /**
     * Notifications delivered or given up, one point per alert a message carried: tags {@link #NOTIFICATION_ALERT},
     * {@link #NOTIFICATION_KIND}, {@code channel}, {@link #NOTIFICATION_RECIPIENT}; fields {@code ok}, {@code
     * attempts}, {@code error}.
     */
    public static final String NOTIFICATION = "notification";
    /** Tag of {@link #NOTIFICATION}: the alert's id. */
    public static final String NOTIFICATION_ALERT = "alert";
    /** Tag of {@link #NOTIFICATION}: {@code firing}, {@code escalated} or {@code resolved}. */
    public static final String NOTIFICATION_KIND = "kind";
    /** Tag of {@link #NOTIFICATION}: the person's id, or {@code -} for the log and webhook channels. */
    public static final String NOTIFICATION_RECIPIENT = "recipient";

    /**
     * Changes made through the API, and logins: tag {@code user}; fields {@code role}, {@code method}, {@code path},
     * {@code status}, {@code address}, {@code detail}. One point per change, at a distinct millisecond.
     */
    public static final String AUDIT = "audit";

    /** Tag: the device id (every device measurement). */
    public static final String DEVICE = "device";
    /** Tag: the device kind (every device measurement); one more tag per inventory level. */
    public static final String KIND = "kind";
    /** Tag of {@link #EVENT}: the event type. */
    public static final String EVENT_TYPE = "type";
    /** Tag of {@link #SERVICE_RUN}: the instance ({@code mqtt.client-id}). */
    public static final String INSTANCE = "instance";
    /** Tag of {@link #MAINTENANCE}: the window's id. */
    public static final String WINDOW_ID = "id";
    /** Tag of {@link #SCHEDULE}: the place (commune) whose schedule it is. */
    public static final String SCHEDULE_PLACE = "place";

    /** Field of every message point: the wire version. */
    public static final String VERSION = "v";
    /** Field: {@code online} or {@code offline} (state messages and transitions). */
    public static final String STATE_FIELD = "state";
    /** Field of {@link #STATE}: true for a Will (stamped on receipt). */
    public static final String WILL = "will";
    /** Field of {@link #TRANSITION}: why. */
    public static final String CAUSE = "cause";
    /** Field of {@link #TRANSITION}: the instant no longer holds a transition. */
    public static final String RETRACTED = "retracted";
    /**
     * The {@link #CAUSE} of a retracted transition point, so that the history loads with one field and no field
     * filter (InfluxDB answers that a quarter faster); {@link #RETRACTED} is written too.
     */
    public static final String RETRACTED_CAUSE = "retracted";
    /** Field of a timeout {@link #TRANSITION}: the last sign of life before it. */
    public static final String LAST_LIFE = "last_life";
    /** Field of {@link #SERVICE_RUN}: the last time the run was known alive. */
    public static final String UNTIL = "until";
    /** Field of {@link #SERVICE_RUN}: it stopped cleanly. */
    public static final String CLEAN = "clean";
    /** Field of a status: the 4G signal, read for coverage. */
    public static final String RSRP = "rsrp_dbm";

    private StorageSchema() {
    }

    /**
     * The point of a validated message with the device's tags; a Will, having no timestamp, is placed at
     * {@code receivedAtMillis}.
     */
    public static Point message(Message message, Map<String, String> tags, long receivedAtMillis) {
        Point point;
        if (message instanceof StatusMessage status) {
            point = Point.measurement(STATUS).addFields(status.fields()).time(status.ts(), WritePrecision.MS);
        } else if (message instanceof EventMessage event) {
            point = Point.measurement(EVENT).addTag(EVENT_TYPE, event.type().wireName()).addFields(event.fields())
                    .time(event.ts(), WritePrecision.MS);
        } else {
            StateMessage state = (StateMessage) message;
            boolean will = state.ts() == null;
            point = Point.measurement(STATE)
                    .addField(STATE_FIELD, state.state().wireName())
                    .addField(WILL, will)
                    .time(will ? receivedAtMillis : state.ts(), WritePrecision.MS);
        }
        // every point carries the wire version, so that a message with only the required fields still has a field
        return point.addTags(tags).addField(VERSION, 1L);
    }

    /**
     * A transition: the device entered {@code state} for {@code cause} at {@code at}; {@code lastLife} (may be null)
     * for a timeout; {@code retracted} when the instant no longer holds a transition (its cause is then
     * {@link #RETRACTED_CAUSE}, its state the one in force there now).
     */
    public static String transition(Map<String, String> tags, long at, String state, String cause, Long lastLife,
            boolean retracted) {
        Point point = Point.measurement(TRANSITION).addTags(tags)
                .addField(STATE_FIELD, state)
                .addField(CAUSE, retracted ? RETRACTED_CAUSE : cause)
                .addField(RETRACTED, retracted);
        if (lastLife != null) {
            point.addField(LAST_LIFE, lastLife.longValue());
        }
        return point.time(at, WritePrecision.MS).toLineProtocol();
    }

    /** A run of an instance, started at {@code start}, alive at {@code until}. */
    public static String serviceRun(String instance, long start, long until, boolean clean) {
        return Point.measurement(SERVICE_RUN).addTag(INSTANCE, instance)
                .addField(UNTIL, until).addField(CLEAN, clean)
                .time(start, WritePrecision.MS).toLineProtocol();
    }

    /**
     * A version of a commune's schedule; {@code approvedBy} and {@code approvedAt} are null for a draft (approving
     * writes the same point again with them: a point is its series and instant, so the fields merge).
     */
    public static String schedule(String placeId, long createdAt, int version, String author, String slotsJson,
            String summary, String approvedBy, Long approvedAt, Long effectiveFrom) {
        Point point = Point.measurement(SCHEDULE).addTag(SCHEDULE_PLACE, placeId)
                .addField("version", (long) version)
                .addField("author", author)
                .addField("slots", slotsJson)
                .addField("summary", summary)
                .time(createdAt, WritePrecision.MS);
        if (approvedBy != null) {
            point.addField("approved_by", approvedBy).addField("approved_at", approvedAt.longValue())
                    .addField("effective_from", effectiveFrom.longValue());
        }
        return point.toLineProtocol();
    }

    /** One commune's part of an emergency broadcast ({@code cancelledAt} and {@code cancelledBy} may be null). */
    public static String emergency(String id, String placeId, long start, long end, String program,
            String villagesJson, String devicesJson, String issuedBy, Long cancelledAt, String cancelledBy) {
        Point point = Point.measurement(EMERGENCY).addTag(EMERGENCY_ID, id).addTag(SCHEDULE_PLACE, placeId)
                .addField("program", program)
                .addField("end", end)
                .addField("villages", villagesJson)
                .addField("devices", devicesJson)
                .addField("issued_by", issuedBy)
                .time(start, WritePrecision.MS);
        if (cancelledAt != null) {
            point.addField("cancelled_at", cancelledAt.longValue()).addField("cancelled_by", cancelledBy);
        }
        return point.toLineProtocol();
    }

    /** An alert as it stands ({@code ackedBy}, {@code ackNote}, {@code ackedAt}, {@code resolvedAt} may be null). */
    public static String alert(String rule, String device, long firedAt, String id, String type, String severity,
            String state, long since, String ackedBy, String ackNote, Long ackedAt, Long resolvedAt) {
        Point point = Point.measurement(ALERT).addTag(ALERT_RULE, rule).addTag(DEVICE, device)
                .addField("id", id).addField("type", type).addField("severity", severity).addField("state", state)
                .addField("since", since)
                .time(firedAt, WritePrecision.MS);
        if (ackedBy != null) {
            point.addField("acked_by", ackedBy).addField("acked_at", ackedAt.longValue());
            if (ackNote != null) {
                point.addField("ack_note", ackNote);
            }
        }
        if (resolvedAt != null) {
            point.addField("resolved_at", resolvedAt.longValue());
        }
        return point.toLineProtocol();
    }

    /** A notification delivered ({@code ok}) or given up ({@code error} says why). */
    public static String notification(String alertId, String kind, String channel, String recipient, long at,
            boolean ok, int attempts, String error) {
        Point point = Point.measurement(NOTIFICATION).addTag(NOTIFICATION_ALERT, alertId)
                .addTag(NOTIFICATION_KIND, kind).addTag("channel", channel)
                .addTag(NOTIFICATION_RECIPIENT, recipient == null ? "-" : recipient)
                .addField("ok", ok).addField("attempts", (long) attempts)
                .time(at, WritePrecision.MS);
        if (error != null) {
            point.addField("error", error);
        }
        return point.toLineProtocol();
    }

    /** A maintenance window ({@code to} and {@code endedBy} may be null). */
    public static String maintenance(String id, String target, String targetKind, long from, Long to, String reason,
            String declaredBy, long declaredAt, String endedBy) {
        return window(MAINTENANCE, id, target, targetKind, from, to, reason, declaredBy, declaredAt, endedBy);
    }

    /**
     * A window of {@code measurement} ({@link #MAINTENANCE} or {@link #SILENCE}; {@code to} and {@code endedBy} may
     * be null).
     */
    public static String window(String measurement, String id, String target, String targetKind, long from, Long to,
            String reason, String declaredBy, long declaredAt, String endedBy) {
        Point point = Point.measurement(measurement).addTag(WINDOW_ID, id)
                .addField("target", target)
                .addField("target_kind", targetKind)
                .addField("reason", reason)
                .addField("declared_by", declaredBy)
                .addField("declared_at", declaredAt)
                .time(from, WritePrecision.MS);
        if (to != null) {
            point.addField("to", to);
        }
        if (endedBy != null) {
            point.addField("ended_by", endedBy);
        }
        return point.toLineProtocol();
    }

    /** An audit record: who did what, when, with what outcome. */
    public static String audit(long at, String user, String role, String method, String path, int status,
            String address, String detail) {
        Point point = Point.measurement(AUDIT).addTag("user", user)
                .addField("role", role)
                .addField("method", method)
                .addField("path", path)
                .addField("status", (long) status)
                .addField("address", address == null ? "" : address)
                .time(at, WritePrecision.MS);
        if (detail != null) {
            point.addField("detail", detail);
        }
        return point.toLineProtocol();
    }
}

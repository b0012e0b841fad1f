package vn.commune.telemetry.service.ingest;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.Map;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * Turns a validated message into one InfluxDB point in line protocol, through influxdb-client-java's {@link Point},
 * which escapes tags and fields: a device's strings can never add a point, a tag or a field. Measurements:
 * {@code status}, {@code event} (tag {@code type}) and {@code state}; tags come from the inventory.
 */
public final class PointEncoder {

    /** Measurement of periodic status messages. */
    public static final String STATUS = "status";
    /** Measurement of events. */
    public static final String EVENT = "event";
    /** Measurement of connection state messages (including Wills). */
    public static final String STATE = "state";

    /**
     * The line for {@code message} tagged with {@code tags}.
     *
     * @param receivedAtMillis stands in for the timestamp of a Will, which has none
     */
    public String encode(Message message, Map<String, String> tags, long receivedAtMillis) {
        Point point;
        if (message instanceof StatusMessage status) {
            point = Point.measurement(STATUS).addFields(status.fields()).time(status.ts(), WritePrecision.MS);
        } else if (message instanceof EventMessage event) {
            point = Point.measurement(EVENT).addTag("type", event.type().wireName()).addFields(event.fields())
                    .time(event.ts(), WritePrecision.MS);
        } else {
            StateMessage state = (StateMessage) message;
            boolean will = state.ts() == null;
            point = Point.measurement(STATE)
                    .addField("state", state.state().wireName())
                    .addField("will", will)
                    .time(will ? receivedAtMillis : state.ts(), WritePrecision.MS);
        }
        // every point carries the wire version, so that a message with only the required fields still has a field
        return point.addTags(tags).addField("v", 1L).toLineProtocol();
    }
}

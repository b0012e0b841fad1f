package vn.commune.telemetry.service.ingest;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * Turns a validated message into one InfluxDB point in line protocol, as {@link StorageSchema#message} builds it
 * (through influxdb-client-java's {@link Point}, which escapes tags and fields); tags come from the inventory.
 *
 * <p>A line is {@code <measurement and tags> <fields> <time>}. The first part is the same for every message of a
 * device (and event type), so it is encoded once by {@link Point} and kept: {@link Point} encodes the measurement and
 * tags followed by a fixed field, and the fixed field's known text is cut off the end. The fields and time are encoded
 * by {@link Point} for every message. Nothing here escapes or formats a value by hand. The cache is keyed by the
 * identity of the tags map (the inventory hands out one map per device and a new one after a reload), bounded, and
 * confined to the thread that uses the encoder (the ingest context).
 */
public final class PointEncoder {

    /** Most prefixes kept; the least recently used one goes first. */
    static final int MAX_CACHED_PREFIXES = 65_536;

    private static final String STATUS = StorageSchema.STATUS;
    private static final String EVENT = StorageSchema.EVENT;
    private static final String STATE = StorageSchema.STATE;
    /** The field every point carries: the wire version. */
    private static final String VERSION_FIELD = StorageSchema.VERSION;
    /** What {@link Point} writes for the version field, after the tags, when there is no other field nor time. */
    private static final String VERSION_SUFFIX = " v=1i";
    /** A measurement name {@link Point} writes as it is, used to encode fields and time alone. */
    private static final String BARE = "x";

    private final Map<PrefixKey, String> prefixes = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PrefixKey, String> eldest) {
            return size() > MAX_CACHED_PREFIXES;
        }
    };

    /**
     * The line for {@code message} tagged with {@code tags}.
     *
     * @param tags             the device's tags; must not change once passed (the inventory's maps are immutable),
     *                         as its encoded form is kept for the map
     * @param receivedAtMillis stands in for the timestamp of a Will, which has none
     */
    public String encode(Message message, Map<String, String> tags, long receivedAtMillis) {
        Point fields;
        String measurement;
        String type = null;
        if (message instanceof StatusMessage status) {
            measurement = STATUS;
            fields = Point.measurement(BARE).addFields(status.fields()).time(status.ts(), WritePrecision.MS);
        } else if (message instanceof EventMessage event) {
            measurement = EVENT;
            type = event.type().wireName();
            fields = Point.measurement(BARE).addFields(event.fields()).time(event.ts(), WritePrecision.MS);
        } else {
            StateMessage state = (StateMessage) message;
            boolean will = state.ts() == null;
            measurement = STATE;
            fields = Point.measurement(BARE)
                    .addField(StorageSchema.STATE_FIELD, state.state().wireName())
                    .addField(StorageSchema.WILL, will)
                    .time(will ? receivedAtMillis : state.ts(), WritePrecision.MS);
        }
        // every point carries the wire version, so that a message with only the required fields still has a field
        String fieldsAndTime = fields.addField(VERSION_FIELD, 1L).toLineProtocol();
        String prefix = prefix(measurement, type, tags);
        if (prefix == null) {
            return reference(message, tags, receivedAtMillis);
        }
        // fieldsAndTime is "x <fields> <time>": the bare measurement is one character, the rest starts with a space
        return prefix.concat(fieldsAndTime.substring(BARE.length()));
    }

    /**
     * The line as {@link Point} encodes it in one go, without the cache: what {@link #encode} must always equal, and
     * its fallback when a prefix cannot be cut cleanly.
     */
    static String reference(Message message, Map<String, String> tags, long receivedAtMillis) {
        return StorageSchema.message(message, tags, receivedAtMillis).toLineProtocol();
    }


    /** Prefixes held now (for tests). */
    int cachedPrefixes() {
        return prefixes.size();
    }

    /** The measurement and tags as {@link Point} encodes them, from the cache; null if it cannot be cut cleanly. */
    private String prefix(String measurement, String type, Map<String, String> tags) {
        PrefixKey key = new PrefixKey(measurement, type, tags);
        String prefix = prefixes.get(key);
        if (prefix == null) {
            Point probe = Point.measurement(measurement);
            if (type != null) {
                probe.addTag(StorageSchema.EVENT_TYPE, type);
            }
            String line = probe.addTags(tags).addField(VERSION_FIELD, 1L).toLineProtocol();
            if (!line.endsWith(VERSION_SUFFIX)) {
                return null;
            }
            prefix = line.substring(0, line.length() - VERSION_SUFFIX.length());
            prefixes.put(key, prefix);
        }
        return prefix;
    }

    /** Measurement, event type and the tags map by identity (hashing the map's content each time would cost more). */
    private static final class PrefixKey {

        private final String measurement;
        private final String type;
        private final Map<String, String> tags;
        private final int hash;

        PrefixKey(String measurement, String type, Map<String, String> tags) {
            this.measurement = measurement;
            this.type = type;
            this.tags = tags;
            this.hash = (System.identityHashCode(tags) * 31 + measurement.hashCode()) * 31 + Objects.hashCode(type);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PrefixKey key && key.tags == tags && key.measurement.equals(measurement)
                    && Objects.equals(key.type, type);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

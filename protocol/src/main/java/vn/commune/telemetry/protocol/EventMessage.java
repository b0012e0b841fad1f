package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A discrete event on {@code tele/{deviceId}/event}.
 *
 * @param deviceId   device id from the topic
 * @param ts         time of the event at the device, epoch milliseconds
 * @param type       what happened
 * @param program    programme name for broadcast events, at most 256 characters, or null
 * @param batteryPct battery charge at the time, percent, 0..100, or null
 * @param detail     free text from the device, at most 256 characters, or null
 */
public record EventMessage(String deviceId, long ts, EventType type, String program, Integer batteryPct,
        String detail) implements Message {

    /**
     * Checks the structure of the message (values are checked by the codec when decoding, not here).
     *
     * @throws NullPointerException when {@code deviceId} or {@code type} is null
     */
    public EventMessage {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public Channel channel() {
        return Channel.EVENT;
    }

    @Override
    public long timestampOr(long receivedMillis) {
        return ts;
    }

    /**
     * The present optional fields ({@code program}, {@code battery_pct}, {@code detail}) by wire name, in wire order,
     * typed as in {@link StatusMessage#fields()}. Excludes {@code v}, {@code ts} and {@code type}.
     */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        WireValues.put(out, WireFields.PROGRAM, program);
        WireValues.put(out, WireFields.BATTERY_PCT, batteryPct);
        WireValues.put(out, WireFields.DETAIL, detail);
        return Collections.unmodifiableMap(out);
    }
}

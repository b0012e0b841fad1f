package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A periodic status report on {@code tele/{deviceId}/status}.
 *
 * @param deviceId device id from the topic
 * @param ts       time of measurement at the device, epoch milliseconds
 * @param kind     the kind the device reports itself as (the service compares it with its inventory)
 * @param common   the fields every kind may report; null is taken as {@link CommonStatus#empty()}
 * @param detail   the fields of {@code kind}; null is taken as {@link KindStatus#empty(DeviceKind)}
 */
public record StatusMessage(String deviceId, long ts, DeviceKind kind, CommonStatus common, KindStatus detail)
        implements Message {

    /**
     * Checks the structure of the message (values are checked by the codec when decoding, not here).
     *
     * @throws NullPointerException     when {@code deviceId} or {@code kind} is null
     * @throws IllegalArgumentException when {@code detail} belongs to another kind than {@code kind}
     */
    public StatusMessage {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        common = common == null ? CommonStatus.empty() : common;
        detail = detail == null ? KindStatus.empty(kind) : detail;
        if (detail.kind() != kind) {
            throw new IllegalArgumentException("detail is " + detail.kind() + " status but kind is " + kind);
        }
    }

    @Override
    public Channel channel() {
        return Channel.STATUS;
    }

    @Override
    public long timestampOr(long receivedMillis) {
        return ts;
    }

    /**
     * The present fields by wire name, in wire order (common fields, then the kind's), for storage. Values are
     * {@code Long} for integer fields, {@code Double} for decimal fields (always, even when the JSON had {@code 41}),
     * {@code Boolean}, or {@code String} (enums as their wire names). Excludes {@code v}, {@code ts} and {@code kind}.
     */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        common.putFields(out);
        out.putAll(detail.fields());
        return Collections.unmodifiableMap(out);
    }
}

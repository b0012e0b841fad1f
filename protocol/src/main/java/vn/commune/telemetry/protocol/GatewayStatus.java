package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status fields of a commune gateway. Every component is optional on the wire and null when absent.
 *
 * @param devices    local devices it serves, 0..100000 ({@code devices})
 * @param spoolDepth messages waiting in its store-and-forward spool, 0 or more ({@code spool_depth})
 * @param uplink     uplink in use ({@code uplink})
 */
public record GatewayStatus(Integer devices, Long spoolDepth, Uplink uplink) implements KindStatus {

    @Override
    public DeviceKind kind() {
        return DeviceKind.GATEWAY;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        WireValues.put(out, WireFields.DEVICES, devices);
        WireValues.put(out, WireFields.SPOOL_DEPTH, spoolDepth);
        WireValues.put(out, WireFields.UPLINK, uplink == null ? null : uplink.wireName());
        return Collections.unmodifiableMap(out);
    }
}

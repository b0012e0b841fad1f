package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status fields of a village Wi-Fi point. Every component is optional on the wire and null when absent.
 *
 * @param clients    associated clients, 0..100000 ({@code clients})
 * @param uplinkOk   uplink working ({@code uplink_ok})
 * @param uplinkMbps measured uplink throughput, Mbit/s, 0..100000 ({@code uplink_mbps})
 * @param latencyMs  measured uplink round-trip latency, milliseconds, 0..600000 ({@code latency_ms})
 */
public record WifiStatus(Integer clients, Boolean uplinkOk, Double uplinkMbps, Double latencyMs)
        implements KindStatus {

    @Override
    public DeviceKind kind() {
        return DeviceKind.WIFI;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        WireValues.put(out, WireFields.CLIENTS, clients);
        WireValues.put(out, WireFields.UPLINK_OK, uplinkOk);
        WireValues.put(out, WireFields.UPLINK_MBPS, uplinkMbps);
        WireValues.put(out, WireFields.LATENCY_MS, latencyMs);
        return Collections.unmodifiableMap(out);
    }
}

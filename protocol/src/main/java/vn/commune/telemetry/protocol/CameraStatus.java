package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status fields of a security camera. Every component is optional on the wire and null when absent.
 *
 * @param recording      recording now ({@code recording})
 * @param storageUsedPct storage used, percent, 0..100 ({@code storage_used_pct})
 * @param fps            frames per second, 0..240 ({@code fps})
 * @param bitrateKbps    video bitrate, kbit/s, 0..1000000 ({@code bitrate_kbps})
 * @param tamper         tampering detected ({@code tamper})
 */
public record CameraStatus(Boolean recording, Double storageUsedPct, Double fps, Double bitrateKbps, Boolean tamper)
        implements KindStatus {

    @Override
    public DeviceKind kind() {
        return DeviceKind.CAMERA;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        WireValues.put(out, WireFields.RECORDING, recording);
        WireValues.put(out, WireFields.STORAGE_USED_PCT, storageUsedPct);
        WireValues.put(out, WireFields.FPS, fps);
        WireValues.put(out, WireFields.BITRATE_KBPS, bitrateKbps);
        WireValues.put(out, WireFields.TAMPER, tamper);
        return Collections.unmodifiableMap(out);
    }
}

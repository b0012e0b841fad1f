package vn.commune.telemetry.service.alert;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import vn.commune.telemetry.protocol.CameraStatus;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * What a technician should bring: the likely cause of an outage, from the signs a device gave before it went silent.
 * <ul>
 *   <li><b>power cut</b>: it reported {@code power_lost} (and not {@code power_restored}) before the silence, or ran
 *       on its battery with a falling level; many devices of a commune doing so together is a <b>commune power
 *       cut</b>;</li>
 *   <li><b>uplink</b>: a gateway unreachable (the commune's 4G/ADSL uplink, or the gateway itself);</li>
 *   <li><b>device fault</b>: it went silent alone while its last statuses showed a fault (amplifier, horns, storage,
 *       temperature);</li>
 *   <li><b>unknown</b>: none of the above.</li>
 * </ul>
 * Fed with every live status and power event; runs on the event loop.
 */
public final class LikelyCause {

    /** A camera's storage at or above this is a fault sign. */
    static final double STORAGE_FULL = 95;
    /** A temperature at or above this is a fault sign. */
    static final double TOO_HOT = 75;

    /** The causes. */
    public enum Kind {
        POWER_CUT, COMMUNE_POWER_CUT, UPLINK, DEVICE_FAULT, UNKNOWN;

        /** The name in the payload. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one device showed last. */
    private static final class Signs {
        Long powerLost;
        boolean onBattery;
        Integer battery;
        Integer previousBattery;
        String fault;
    }

    private final Map<String, Signs> signs = new HashMap<>();

    /** A status of the device arrived. */
    public void status(StatusMessage status) {
        Signs s = signs.computeIfAbsent(status.deviceId(), k -> new Signs());
        Power power = status.common().power();
        if (power != null) {
            s.onBattery = power == Power.BATTERY;
            if (power == Power.MAINS) {
                s.powerLost = null;
            }
        }
        Integer battery = status.common().batteryPct();
        if (battery != null) {
            s.previousBattery = s.battery;
            s.battery = battery;
        }
        s.fault = fault(status);
    }

    /** An event of the device arrived. */
    public void event(EventMessage event) {
        if (event.type() == EventType.POWER_LOST) {
            signs.computeIfAbsent(event.deviceId(), k -> new Signs()).powerLost = event.ts();
        } else if (event.type() == EventType.POWER_RESTORED) {
            Signs s = signs.get(event.deviceId());
            if (s != null) {
                s.powerLost = null;
            }
        }
    }

    /** Whether the device's last signs point to lost power. */
    public boolean powerSigns(String deviceId) {
        Signs s = signs.get(deviceId);
        return s != null && (s.powerLost != null || s.onBattery && s.previousBattery != null && s.battery != null
                && s.battery < s.previousBattery);
    }

    /** The fault its last status showed, or null. */
    public String faultSigns(String deviceId) {
        Signs s = signs.get(deviceId);
        return s == null ? null : s.fault;
    }

    private static String fault(StatusMessage status) {
        if (status.detail() instanceof LoudspeakerStatus speaker) {
            if (Boolean.FALSE.equals(speaker.ampOk())) {
                return "amplifier";
            }
            if (speaker.hornsOk() != null && speaker.hornsOk() == 0) {
                return "horns";
            }
        }
        if (status.detail() instanceof CameraStatus camera && camera.storageUsedPct() != null
                && camera.storageUsedPct() >= STORAGE_FULL) {
            return "storage";
        }
        Double temp = status.common().tempC();
        return temp != null && temp >= TOO_HOT ? "temperature" : null;
    }

    /** The cause as JSON for the payload: {@code kind}, and {@code detail} (a fault's name, or "n/m"). */
    static JsonObject json(Kind kind, String detail) {
        return new JsonObject().put("kind", kind.wireName()).put("detail", detail);
    }

    /** The words of a cause. */
    static String text(Kind kind, String detail, String communeName, boolean vi) {
        return switch (kind) {
            case POWER_CUT -> vi ? "mất điện (chạy pin rồi mất kết nối)" : "power cut (on battery, then silent)";
            case COMMUNE_POWER_CUT -> vi ? "mất điện toàn " + communeName + ": " + detail
                    + " thiết bị chạy pin rồi mất kết nối" : "power cut in all of " + communeName + ": " + detail
                    + " devices on battery, then silent";
            case UPLINK -> vi ? "mất đường truyền (gateway hoặc đường 4G/ADSL)" : "uplink down (the gateway or "
                    + "its 4G/ADSL line)";
            case DEVICE_FAULT -> vi ? "lỗi thiết bị (" + faultName(detail, true) + ")" : "device fault ("
                    + faultName(detail, false) + ")";
            case UNKNOWN -> vi ? "không rõ" : "unknown";
        };
    }

    private static String faultName(String fault, boolean vi) {
        return switch (fault == null ? "" : fault) {
            case "amplifier" -> vi ? "bộ khuếch đại hỏng" : "amplifier broken";
            case "horns" -> vi ? "hết loa còn hoạt động" : "no horn working";
            case "storage" -> vi ? "bộ nhớ camera đầy" : "camera storage full";
            case "temperature" -> vi ? "quá nhiệt" : "overheating";
            default -> fault;
        };
    }
}

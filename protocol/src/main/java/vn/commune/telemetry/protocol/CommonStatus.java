package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status fields every kind of device may report. Every component is optional on the wire and null when absent.
 *
 * @param power      power source ({@code power})
 * @param batteryPct battery charge, percent, 0..100 ({@code battery_pct})
 * @param tempC      device temperature, degrees Celsius, -60..125 ({@code temp_c})
 * @param rssiDbm    received signal strength, dBm, -150..0 ({@code rssi_dbm})
 * @param rsrpDbm    4G reference signal received power, dBm, -156..-31 ({@code rsrp_dbm})
 * @param uptimeS    seconds since boot, 0 or more ({@code uptime_s})
 */
public record CommonStatus(Power power, Integer batteryPct, Double tempC, Integer rssiDbm, Integer rsrpDbm,
        Long uptimeS) {

    private static final CommonStatus EMPTY = new CommonStatus(null, null, null, null, null, null);

    /** A common status with no field present. */
    public static CommonStatus empty() {
        return EMPTY;
    }

    /** The present fields by wire name, in wire order, typed as {@link StatusMessage#fields()} describes. */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        putFields(out);
        return Collections.unmodifiableMap(out);
    }

    void putFields(Map<String, Object> out) {
        WireValues.put(out, WireFields.POWER, power == null ? null : power.wireName());
        WireValues.put(out, WireFields.BATTERY_PCT, batteryPct);
        WireValues.put(out, WireFields.TEMP_C, tempC);
        WireValues.put(out, WireFields.RSSI_DBM, rssiDbm);
        WireValues.put(out, WireFields.RSRP_DBM, rsrpDbm);
        WireValues.put(out, WireFields.UPTIME_S, uptimeS);
    }
}

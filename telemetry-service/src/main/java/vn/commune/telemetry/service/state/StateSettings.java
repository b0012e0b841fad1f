package vn.commune.telemetry.service.state;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * How device state is derived (see the state keys in the telemetry-service README).
 *
 * @param timeoutIntervals  missed status intervals after which a silent device is offline, per kind
 * @param watchdogPeriod    how often silent devices are looked for
 * @param repairPeriod      how often devices with late or unsure data are folded again from storage
 * @param runMarkerPeriod   how often this instance records that it is still running
 * @param reorderWindow     evidence per device kept in memory, so that slightly late data is placed without storage
 * @param repairBatch       devices per storage query when folding again
 * @param historyPerDevice  transitions per device kept in memory
 * @param seedLookback      how far back to look for a device's last evidence before a repaint
 * @param transitionQueue   transition points waiting to be written, at most
 * @param settleAfter       quiet time after which a device whose evidence came out of order is folded once more from
 *                          storage (the in-memory fold is then checked against what is stored)
 */
public record StateSettings(Map<DeviceKind, Integer> timeoutIntervals, Duration watchdogPeriod,
        Duration repairPeriod, Duration runMarkerPeriod, int reorderWindow, int repairBatch, int historyPerDevice,
        Duration seedLookback, int transitionQueue, Duration settleAfter) {

    /** Default missed intervals. */
    public static final int DEFAULT_TIMEOUT_INTERVALS = 3;

    /** Copies the map, filling in the default for kinds left out. */
    public StateSettings {
        Map<DeviceKind, Integer> all = new EnumMap<>(DeviceKind.class);
        for (DeviceKind kind : DeviceKind.values()) {
            all.put(kind, timeoutIntervals.getOrDefault(kind, DEFAULT_TIMEOUT_INTERVALS));
        }
        timeoutIntervals = Collections.unmodifiableMap(all);
    }

    /** The defaults. */
    public static StateSettings defaults() {
        return new StateSettings(Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(15), 32,
                200, 20_000, Duration.ofDays(8), 500_000, Duration.ofSeconds(30));
    }

    /** The device's status interval in milliseconds. */
    public long intervalMillis(Device device) {
        return device.statusInterval().toMillis();
    }

    /** The silence after which the device is offline, in milliseconds. */
    public long timeoutMillis(Device device) {
        return device.statusInterval().toMillis() * timeoutIntervals.get(device.kind());
    }
}

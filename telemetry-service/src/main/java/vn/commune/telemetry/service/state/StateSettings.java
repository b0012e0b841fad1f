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
 * @param timeoutIntervals missed status intervals after which a silent device is offline, per kind
 * @param watchdogPeriod   how often silent devices are looked for
 * @param runMarkerPeriod  how often this instance records that it is still running
 * @param historyPerDevice transitions per device kept in memory
 * @param evidenceWindow   how far back messages are accepted ({@code ingest.max-age}): evidence older than this (and
 *                         a margin) can no longer change and is forgotten
 */
public record StateSettings(Map<DeviceKind, Integer> timeoutIntervals, Duration watchdogPeriod,
        Duration runMarkerPeriod, int historyPerDevice, Duration evidenceWindow) {

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
        return new StateSettings(Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(15), 20_000, Duration.ofDays(7));
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

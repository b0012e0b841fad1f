package vn.commune.telemetry.service.alert;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * One rule of {@code config/alerts.yaml}.
 *
 * @param id       its id (in alerts and notifications)
 * @param type     what it watches
 * @param severity how urgent its alerts are
 * @param kinds    the kinds of device it applies to (a subset of the type's)
 * @param places   the places it applies to (devices at and below them); empty: everywhere
 * @param pending  how long the condition must hold before the alert fires ({@code for})
 * @param level    the threshold of a type that needs one, else null
 * @param flapping how a state rule's subject is found flapping, or null for types that follow statuses
 */
public record AlertRule(String id, RuleType type, Severity severity, Set<DeviceKind> kinds, List<String> places,
        Duration pending, Double level, Flapping flapping) {

    /**
     * Flap detection of a state rule: a device whose state changed at least {@code start} times within {@code window}
     * is flapping (one alert instead of a stream); it has settled when at most {@code stop} changes remain in the
     * window. The defaults are Icinga's: above 30% of 20 one-minute checks changing starts it, below 25% ends it.
     *
     * @param window the sliding window
     * @param start  changes in the window that make it flapping
     * @param stop   changes in the window at or below which it has settled
     */
    public record Flapping(Duration window, int start, int stop) {

        /** Icinga's defaults over 20 one-minute checks. */
        public static final Flapping DEFAULT = new Flapping(Duration.ofMinutes(20), 7, 4);
    }

    public AlertRule {
        kinds = Set.copyOf(kinds);
        places = List.copyOf(places);
    }

    /** Whether the rule applies to the device. */
    public boolean appliesTo(Device device, Inventory inventory) {
        if (!kinds.contains(device.kind())) {
            return false;
        }
        if (places.isEmpty()) {
            return true;
        }
        return inventory.ancestors(device.placeId()).stream().anyMatch(place -> places.contains(place.id()));
    }
}

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
 */
public record AlertRule(String id, RuleType type, Severity severity, Set<DeviceKind> kinds, List<String> places,
        Duration pending, Double level) {

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

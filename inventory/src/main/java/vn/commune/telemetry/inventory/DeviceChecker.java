package vn.commune.telemetry.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.inventory.InventoryBuilder.DeviceSpec;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Topics;

/** Checks the device entries of an inventory against its places and against each other. */
final class DeviceChecker {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private final List<DeviceSpec> specs;
    private final Set<String> placeIds;
    private final Problems problems;
    private final Map<String, DeviceSpec> byId = new LinkedHashMap<>();

    DeviceChecker(List<DeviceSpec> specs, Set<String> placeIds, Problems problems) {
        this.specs = specs;
        this.placeIds = placeIds;
        this.problems = problems;
    }

    /** Checks each entry on its own: id (valid, unique), kind, name, interval. */
    void checkEntries() {
        for (DeviceSpec spec : specs) {
            Origin origin = spec.origin();
            if (spec.id() == null) {
                problems.add(origin, "id", "missing");
            } else if (!Topics.isValidDeviceId(spec.id())) {
                problems.add(origin, "id", "'" + spec.id() + "' is not a valid device id (ASCII letters, digits, '_'"
                        + " and '-', up to " + Topics.MAX_DEVICE_ID_LENGTH + ", starting with a letter or digit)");
            } else if (byId.containsKey(spec.id())) {
                problems.add(origin, "id", "duplicate device id '" + spec.id() + "' (first at "
                        + InventoryAssembler.where(byId.get(spec.id()).origin(), "id") + ")");
            } else {
                byId.put(spec.id(), spec);
            }
            if (spec.kind() == null) {
                problems.add(origin, "kind", "missing");
            }
            InventoryAssembler.checkName(problems, origin, spec.name(), false);
            checkInterval(spec);
        }
    }

    /** Checks what entries refer to: the place and the gateway. */
    void checkReferences() {
        for (DeviceSpec spec : specs) {
            Origin origin = spec.origin();
            if (spec.placeId() == null) {
                problems.add(origin, "place", "missing");
            } else if (!placeIds.contains(spec.placeId())) {
                problems.add(origin, "place", "no place '" + spec.placeId() + "'");
            }
            checkGateway(spec);
        }
    }

    /** The devices; meaningful only when no problem was found. */
    List<Device> devices() {
        List<Device> devices = new ArrayList<>(specs.size());
        for (DeviceSpec spec : specs) {
            devices.add(new Device(spec.id(), spec.kind(), spec.placeId(), spec.name(), spec.gatewayId(),
                    spec.interval()));
        }
        return devices;
    }

    private void checkGateway(DeviceSpec spec) {
        String gatewayId = spec.gatewayId();
        if (gatewayId == null) {
            return;
        }
        Origin origin = spec.origin();
        DeviceSpec gateway = byId.get(gatewayId);
        if (gatewayId.equals(spec.id())) {
            problems.add(origin, "gateway", "a device cannot be its own gateway");
        } else if (gateway == null) {
            problems.add(origin, "gateway", "no device '" + gatewayId + "'");
        } else if (gateway.kind() != null && gateway.kind() != DeviceKind.GATEWAY) {
            problems.add(origin, "gateway", "'" + gatewayId + "' is a " + gateway.kind().wireName()
                    + ", not a gateway");
        } else if (spec.kind() == DeviceKind.GATEWAY) {
            problems.add(origin, "gateway", "a gateway cannot sit behind another gateway");
        }
    }

    private void checkInterval(DeviceSpec spec) {
        Duration interval = spec.interval();
        if (interval != null && (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0)) {
            problems.add(spec.origin(), "interval", "must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL
                    + ", not " + interval);
        }
    }
}

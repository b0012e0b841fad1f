package vn.commune.telemetry.simulator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fault.FaultTarget;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fleet.FleetIndex;

/** Resolves fault targets against the fleet and checks that a fault fits what it hits. */
final class FaultTargets {

    private final FleetIndex fleet;
    private final List<DeviceModel> models;

    FaultTargets(FleetIndex fleet, List<DeviceModel> models) {
        this.fleet = fleet;
        this.models = models;
    }

    /**
     * What a fault hits.
     *
     * @param device  the device id when it hits one device
     * @param place   the place id when it hits a place
     * @param commune the commune id when it hits a commune
     * @param devices every device it acts on
     */
    record Resolved(String device, String place, String commune, List<DeviceModel> devices) {
    }

    /**
     * Resolves a target, picking at random from {@code random} where asked.
     *
     * @return null when a random target has nothing to pick from
     * @throws IllegalArgumentException when the target does not exist or does not fit the fault
     */
    Resolved resolve(FaultType type, FaultTarget target, SplittableRandom random) {
        return switch (target.scope()) {
            case DEVICE -> device(type, target.id());
            case PLACE -> place(type, target.id());
            case COMMUNE -> commune(type, target.id());
            case RANDOM_DEVICE -> {
                List<Integer> candidates = new ArrayList<>();
                for (DeviceModel model : models) {
                    if ((target.kind() == null || model.kind() == target.kind()) && fits(type, model.kind())) {
                        candidates.add(model.index());
                    }
                }
                yield candidates.isEmpty() ? null
                        : device(type, models.get(candidates.get(random.nextInt(candidates.size()))).id());
            }
            case RANDOM_VILLAGE -> fleet.villages().isEmpty() ? null
                    : place(type, fleet.villages().get(random.nextInt(fleet.villages().size())).id());
            case RANDOM_COMMUNE -> fleet.communes().isEmpty() ? null
                    : commune(type, fleet.communes().get(random.nextInt(fleet.communes().size())));
        };
    }

    /** The devices a random fault of this type may hit, in inventory order (villages and communes apart). */
    List<DeviceModel> candidates(FaultType type) {
        List<DeviceModel> result = new ArrayList<>();
        for (DeviceModel model : models) {
            if (fits(type, model.kind())) {
                result.add(model);
            }
        }
        return result;
    }

    Resolved device(FaultType type, String deviceId) {
        if (type == FaultType.COMMUNE_OUTAGE || type == FaultType.UPLINK_CUT) {
            throw new IllegalArgumentException(type.wireName() + " needs a commune, not device " + deviceId);
        }
        int index = fleet.indexOf(deviceId).orElseThrow(() ->
                new IllegalArgumentException("device '" + deviceId + "' is not in the inventory"));
        DeviceModel model = models.get(index);
        if (!fits(type, model.kind())) {
            throw new IllegalArgumentException(type.wireName() + " does not apply to " + model.kind().wireName()
                    + " " + deviceId);
        }
        return new Resolved(deviceId, null, null, List.of(model));
    }

    Resolved place(FaultType type, String placeId) {
        Place place = fleet.inventory().place(placeId).orElseThrow(() ->
                new IllegalArgumentException("place '" + placeId + "' is not in the inventory"));
        if ((type == FaultType.COMMUNE_OUTAGE || type == FaultType.UPLINK_CUT)
                && place.level().equals(fleet.communeLevel())) {
            return commune(type, placeId);
        }
        if (type != FaultType.POWER_CUT) {
            throw new IllegalArgumentException(type.wireName() + " hits a device, not place " + placeId);
        }
        return new Resolved(null, placeId, null, devicesUnder(placeId));
    }

    Resolved commune(FaultType type, String communeId) {
        Place place = fleet.inventory().place(communeId).orElse(null);
        if (place == null || !place.level().equals(fleet.communeLevel())) {
            throw new IllegalArgumentException("commune '" + communeId + "' is not a " + fleet.communeLevel()
                    + " of the inventory");
        }
        if (type == FaultType.POWER_CUT) {
            return new Resolved(null, communeId, null, devicesUnder(communeId));
        }
        if (type != FaultType.COMMUNE_OUTAGE && type != FaultType.UPLINK_CUT) {
            throw new IllegalArgumentException(type.wireName() + " hits a device, not commune " + communeId);
        }
        return new Resolved(null, null, communeId, devicesUnder(communeId));
    }

    private List<DeviceModel> devicesUnder(String placeId) {
        List<DeviceModel> result = new ArrayList<>();
        for (int index : fleet.devicesUnder(placeId)) {
            result.add(models.get(index));
        }
        return result;
    }

    private static boolean fits(FaultType type, DeviceKind kind) {
        return switch (type) {
            case AMP_FAILURE, HORN_FAILURE, OTHER_PROGRAM -> kind == DeviceKind.LOUDSPEAKER;
            case TAMPER, RECORDING_FAILURE -> kind == DeviceKind.CAMERA;
            default -> true;
        };
    }
}

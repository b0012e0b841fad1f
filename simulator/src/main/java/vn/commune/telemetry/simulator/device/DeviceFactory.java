package vn.commune.telemetry.simulator.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Uplink;
import vn.commune.telemetry.simulator.fleet.FleetIndex;
import vn.commune.telemetry.simulator.fleet.Seeds;

/**
 * Builds the model of every device of the fleet, each from its own random streams seeded by (seed, device id).
 *
 * <p>Status interval: the device's own from the inventory when it has one, else the run's interval for its kind.
 * Power: 15% of loudspeakers and Wi-Fi points and 10% of cameras are solar, the rest on mains with a battery lasting
 * 2-6 h (loudspeakers), 3-8 h (Wi-Fi), 2-5 h (cameras), 6-12 h (gateways). Commune uplinks: 60% fibre, 30% 4G, 10%
 * ADSL.
 */
public final class DeviceFactory {

    private final FleetIndex fleet;
    private final long seed;
    private final long startMillis;
    private final Map<DeviceKind, Duration> intervals;

    /**
     * A factory.
     *
     * @param fleet       the fleet
     * @param seed        the run's seed
     * @param startMillis the run's start
     * @param intervals   status interval per kind (kinds absent: the inventory default)
     */
    public DeviceFactory(FleetIndex fleet, long seed, long startMillis, Map<DeviceKind, Duration> intervals) {
        this.fleet = fleet;
        this.seed = seed;
        this.startMillis = startMillis;
        this.intervals = new EnumMap<>(DeviceKind.class);
        this.intervals.putAll(intervals);
    }

    /** The models of every device, in inventory order. */
    public List<DeviceModel> createAll() {
        List<DeviceModel> models = new ArrayList<>(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            models.add(create(i));
        }
        return models;
    }

    /** The model of the device at {@code index}. */
    public DeviceModel create(int index) {
        Device device = fleet.devices().get(index);
        SplittableRandom random = Seeds.stream(seed, device.id(), "behaviour");
        Place place = fleet.inventory().place(device.placeId()).orElseThrow();
        boolean solar = random.nextDouble() < solarShare(device.kind());
        double[] autonomy = autonomyHours(device.kind());
        PowerSupply power = new PowerSupply(solar, Seeds.uniform(random, autonomy[0], autonomy[1]),
                Seeds.uniform(random, 65, 78), startMillis);
        boolean communeCentre = !place.isLeaf();
        double placeRsrp = Radio.placeRsrp(Seeds.stream(seed, place.id(), "radio"), communeCentre);
        Radio radio = new Radio(placeRsrp + Seeds.gaussian(random, 0, 2));
        double heat = baseHeat(device.kind()) + Seeds.uniform(random, -1.5, 1.5);
        DeviceSetup setup = new DeviceSetup(device, index, fleet.communeOf(index), interval(device).toMillis(),
                startMillis, random, Seeds.stream(seed, device.id(), "malformed"), power, radio, heat);
        return switch (device.kind()) {
            case LOUDSPEAKER -> new LoudspeakerModel(setup);
            case WIFI -> new WifiModel(setup, place.population());
            case CAMERA -> new CameraModel(setup);
            case GATEWAY -> new GatewayModel(setup, fleet.inventory().devicesBehind(device.id()).size(),
                    uplink(fleet.communeOf(index) != null ? fleet.communeOf(index) : device.placeId()));
        };
    }

    /** The status interval of a device. */
    public Duration interval(Device device) {
        if (device.interval() != null) {
            return device.interval();
        }
        return intervals.getOrDefault(device.kind(), Device.defaultInterval(device.kind()));
    }

    private Uplink uplink(String communeId) {
        double draw = Seeds.stream(seed, communeId, "uplink").nextDouble();
        if (draw < 0.6) {
            return Uplink.FIBER;
        }
        return draw < 0.9 ? Uplink.FOUR_G : Uplink.ADSL;
    }

    private static double solarShare(DeviceKind kind) {
        return switch (kind) {
            case LOUDSPEAKER, WIFI -> 0.15;
            case CAMERA -> 0.10;
            case GATEWAY -> 0;
        };
    }

    private static double[] autonomyHours(DeviceKind kind) {
        return switch (kind) {
            case LOUDSPEAKER -> new double[] {2, 6};
            case WIFI -> new double[] {3, 8};
            case CAMERA -> new double[] {2, 5};
            case GATEWAY -> new double[] {6, 12};
        };
    }

    private static double baseHeat(DeviceKind kind) {
        return switch (kind) {
            case LOUDSPEAKER -> 4;
            case WIFI -> 6;
            case CAMERA -> 5;
            case GATEWAY -> 8;
        };
    }
}

package vn.commune.telemetry.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import vn.commune.telemetry.inventory.DistrictTemplate.Bounds;
import vn.commune.telemetry.inventory.DistrictTemplate.Commune;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Adds generated provinces and districts, their villages and devices to a builder: per village a loudspeaker cluster
 * and a Wi-Fi point, per commune a gateway that every device of the commune reaches the district through, and the
 * commune's cameras at its centre.
 */
final class FleetAssembler {

    static final List<String> LEVELS = List.of("province", "district", "commune", "village");

    /** Longest village id, so that {@code wifi-<village-id>} is still a valid device id. */
    private static final int MAX_VILLAGE_ID = 59;
    private static final int MAX_AREA_ID = 48;
    private static final double VILLAGE_SPREAD = 0.03;

    private final InventoryBuilder builder;
    private final IdRegistry ids = new IdRegistry();

    FleetAssembler(InventoryBuilder builder) {
        this.builder = builder;
        builder.levels(LEVELS);
    }

    /** Adds a province and returns its id. */
    String addProvince(String name, double lat, double lon) {
        String id = ids.claim(PlaceNames.slug(name), MAX_AREA_ID);
        builder.place(id, name, "province", null, null, round(lat), round(lon));
        return id;
    }

    /** Adds a district with its communes, villages and devices, drawing what the template leaves open. */
    void addDistrict(String provinceId, DistrictTemplate template, Random random) {
        String districtId = ids.claim(PlaceNames.slug(template.name()), MAX_AREA_ID);
        builder.place(districtId, template.name(), "district", provinceId, null, round(template.lat()),
                round(template.lon()));
        for (Commune commune : template.communes()) {
            addCommune(districtId, commune, template.bounds(), random);
        }
    }

    private void addCommune(String districtId, Commune commune, Bounds bounds, Random random) {
        String communeId = ids.claim(PlaceNames.slug(commune.name()), MAX_AREA_ID);
        builder.place(communeId, commune.name(), "commune", districtId, null, round(commune.lat()),
                round(commune.lon()));
        String gatewayId = "gw-" + communeId;
        builder.device(gatewayId, DeviceKind.GATEWAY, communeId, "Gateway " + commune.label(), null, null);
        List<String> names = villageNames(commune, random);
        long[] populations = split(commune.population(), names.size(), random);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String villageId = ids.claim(communeId + "-" + PlaceNames.slug(name), MAX_VILLAGE_ID);
            double lat = bounds.clampLat(commune.lat() + (random.nextDouble() * 2 - 1) * VILLAGE_SPREAD);
            double lon = bounds.clampLon(commune.lon() + (random.nextDouble() * 2 - 1) * VILLAGE_SPREAD);
            builder.place(villageId, name, "village", communeId, populations[i], round(lat), round(lon));
            String where = PlaceNames.lowerFirst(name) + ", " + commune.label();
            builder.device("ls-" + villageId, DeviceKind.LOUDSPEAKER, villageId, "Cụm loa " + where, gatewayId,
                    null);
            builder.device("wifi-" + villageId, DeviceKind.WIFI, villageId, "Điểm Wi-Fi " + where, gatewayId, null);
        }
        int cameras = commune.cameras() >= 0 ? commune.cameras()
                : random.nextInt(DistrictTemplate.MAX_RANDOM_CAMERAS + 1);
        for (int n = 1; n <= cameras; n++) {
            String number = String.format(Locale.ROOT, "%02d", n);
            builder.device("cam-" + communeId + "-" + number, DeviceKind.CAMERA, communeId,
                    "Camera an ninh " + commune.label() + " số " + number, gatewayId, null);
        }
    }

    private static List<String> villageNames(Commune commune, Random random) {
        List<String> names = new ArrayList<>(commune.villages());
        Set<String> taken = new HashSet<>();
        for (String known : commune.knownVillages()) {
            if (names.size() < commune.villages() && taken.add(known)) {
                names.add(known);
            }
        }
        while (names.size() < commune.villages()) {
            String name = commune.town() ? PlaceNames.townQuarter(names.size() + 1)
                    : PlaceNames.village(random, taken);
            taken.add(name);
            names.add(name);
        }
        return names;
    }

    /** Splits a total into {@code parts} uneven shares (0.55 to 1.45 of the mean) that add up to it exactly. */
    static long[] split(long total, int parts, Random random) {
        double[] weights = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = 0.55 + random.nextDouble() * 0.9;
            sum += weights[i];
        }
        long[] shares = new long[parts];
        long assigned = 0;
        for (int i = 0; i < parts; i++) {
            shares[i] = (long) Math.floor(total * weights[i] / sum);
            assigned += shares[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % parts) {
            shares[i]++;
            assigned++;
        }
        return shares;
    }

    /** Coordinates to 5 decimals, about a metre. */
    static double round(double degrees) {
        return Math.round(degrees * 100_000d) / 100_000d;
    }

    int deviceCount() {
        return builder.deviceCount();
    }
}

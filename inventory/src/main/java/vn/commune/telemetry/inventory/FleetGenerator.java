package vn.commune.telemetry.inventory;

import java.util.Random;
import vn.commune.telemetry.inventory.Geography.Area;

/**
 * Generates fleets that look like the real thing, for the sample inventory, the simulator, tests and benchmarks.
 *
 * <p>Every fleet uses the levels province, district, commune, village. A district has a loudspeaker cluster
 * ({@code ls-<village-id>}) and a Wi-Fi point ({@code wifi-<village-id>}) in every village, a gateway per commune
 * ({@code gw-<commune-id>}) that all the commune's devices name as theirs, and cameras at commune centres
 * ({@code cam-<commune-id>-NN}). Names are Vietnamese with diacritics, coordinates lie in northern Vietnam.
 *
 * <p>Output depends only on the arguments: the same seed gives the same inventory, byte for byte once written, on
 * every JVM. Each district draws from its own random stream, so the first district of {@link #province} and
 * {@link #country} is the one {@link #district} generates for the same seed.
 */
public final class FleetGenerator {

    /** Devices {@link #country(long)} aims at. */
    public static final int DEFAULT_COUNTRY_DEVICES = 100_000;

    private static final double DISTRICT_SPREAD = 0.45;

    private FleetGenerator() {
    }

    /**
     * One district shaped like Bảo Thắng (Lào Cai): 1 province, 1 district, 14 communes and towns with their real
     * names, 188 villages, 112,000 people, Gia Phú with 18 cameras and the other communes 0 to 6.
     */
    public static Inventory district(long seed) {
        InventoryBuilder builder = new InventoryBuilder("generated district");
        FleetAssembler fleet = new FleetAssembler(builder);
        String province = fleet.addProvince(Geography.LAO_CAI.name(), Geography.LAO_CAI.lat(),
                Geography.LAO_CAI.lon());
        fleet.addDistrict(province, Geography.BAO_THANG, districtRandom(seed, 0));
        return build(builder);
    }

    /**
     * Lào Cai province: Bảo Thắng as {@link #district} makes it and its 8 other district-level units (real names,
     * generated communes and villages): 9 districts, about 3,500 devices.
     */
    public static Inventory province(long seed) {
        InventoryBuilder builder = new InventoryBuilder("generated province");
        addLaoCai(new FleetAssembler(builder), seed, Integer.MAX_VALUE);
        return build(builder);
    }

    /** A country of {@value #DEFAULT_COUNTRY_DEVICES} devices or a few hundred more, as {@link #country(long, int)}. */
    public static Inventory country(long seed) {
        return country(seed, DEFAULT_COUNTRY_DEVICES);
    }

    /**
     * Enough provinces and districts for {@code targetDevices}: Lào Cai as {@link #province} makes it, then the
     * other northern provinces with 8 to 12 generated districts each, district by district until the fleet has at
     * least {@code targetDevices} devices (it overshoots by less than one district, about 400 devices). Province
     * names repeat with a number once the list is used up.
     */
    public static Inventory country(long seed, int targetDevices) {
        if (targetDevices < 1) {
            throw new IllegalArgumentException("targetDevices must be at least 1, not " + targetDevices);
        }
        InventoryBuilder builder = new InventoryBuilder("generated country");
        FleetAssembler fleet = new FleetAssembler(builder);
        int districtIndex = addLaoCai(fleet, seed, targetDevices);
        for (int p = 0; fleet.deviceCount() < targetDevices; p++) {
            Area area = Geography.NORTHERN_PROVINCES.get(p % Geography.NORTHERN_PROVINCES.size());
            int round = p / Geography.NORTHERN_PROVINCES.size();
            String name = round == 0 ? area.name() : area.name() + " " + (round + 1);
            Random provinceRandom = new Random(mix(seed, 1_000_000L + p));
            String province = fleet.addProvince(name, area.lat(), area.lon());
            int districts = 8 + provinceRandom.nextInt(5);
            for (int d = 0; d < districts && fleet.deviceCount() < targetDevices; d++) {
                double lat = DistrictTemplate.Bounds.NORTHERN_VIETNAM
                        .clampLat(area.lat() + (provinceRandom.nextDouble() * 2 - 1) * DISTRICT_SPREAD);
                double lon = DistrictTemplate.Bounds.NORTHERN_VIETNAM
                        .clampLon(area.lon() + (provinceRandom.nextDouble() * 2 - 1) * DISTRICT_SPREAD);
                String districtName = PlaceNames.area(provinceRandom);
                Random random = districtRandom(seed, districtIndex++);
                fleet.addDistrict(province, DistrictTemplate.random(districtName, lat, lon, random), random);
            }
        }
        return build(builder);
    }

    /** Adds Lào Cai district by district until {@code targetDevices}; returns how many districts were added. */
    private static int addLaoCai(FleetAssembler fleet, long seed, int targetDevices) {
        Area laoCai = Geography.LAO_CAI;
        String province = fleet.addProvince(laoCai.name(), laoCai.lat(), laoCai.lon());
        fleet.addDistrict(province, Geography.BAO_THANG, districtRandom(seed, 0));
        int index = 1;
        for (Area area : Geography.LAO_CAI_DISTRICTS) {
            if (fleet.deviceCount() >= targetDevices) {
                break;
            }
            Random random = districtRandom(seed, index++);
            fleet.addDistrict(province, DistrictTemplate.random(area.name(), area.lat(), area.lon(), random), random);
        }
        return index;
    }

    private static Random districtRandom(long seed, long index) {
        return new Random(mix(seed, index));
    }

    /** A well-mixed seed for stream {@code index} of {@code seed} (SplitMix64). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Inventory build(InventoryBuilder builder) {
        try {
            return builder.build();
        } catch (InventoryException e) {
            throw new IllegalStateException("generated an invalid inventory: " + e.getMessage(), e);
        }
    }
}

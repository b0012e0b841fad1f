package vn.commune.telemetry.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The shape of a district to generate: its communes with their size, population, centre and cameras. Village names,
 * populations and positions are drawn when the district is generated.
 *
 * @param name     district name
 * @param lat      latitude of the district centre
 * @param lon      longitude of the district centre
 * @param bounds   where its villages may lie
 * @param communes its communes and towns
 */
record DistrictTemplate(String name, double lat, double lon, Bounds bounds, List<Commune> communes) {

    /** Cameras at a commune whose template leaves the number open: 0 to this many. */
    static final int MAX_RANDOM_CAMERAS = 6;

    /**
     * One commune or town.
     *
     * @param name           its name without "xã" or "thị trấn"
     * @param town           a town (thị trấn), whose villages are residential groups (tổ dân phố)
     * @param villages       how many villages
     * @param population     people in all its villages together
     * @param lat            latitude of the commune centre
     * @param lon            longitude of the commune centre
     * @param cameras        cameras at the centre, or -1 for 0 to {@value #MAX_RANDOM_CAMERAS} at random
     * @param knownVillages  real village names to use first
     */
    record Commune(String name, boolean town, int villages, long population, double lat, double lon, int cameras,
            List<String> knownVillages) {

        Commune {
            knownVillages = List.copyOf(knownVillages);
        }

        /** "xã Gia Phú" or "thị trấn Phố Lu". */
        String label() {
            return (town ? "thị trấn " : "xã ") + name;
        }
    }

    /** A latitude/longitude box. */
    record Bounds(double minLat, double maxLat, double minLon, double maxLon) {

        /** Northern Vietnam, from Thanh Hóa to the Chinese border. */
        static final Bounds NORTHERN_VIETNAM = new Bounds(19.5, 23.35, 102.15, 107.6);

        double clampLat(double lat) {
            return Math.max(minLat, Math.min(maxLat, lat));
        }

        double clampLon(double lon) {
            return Math.max(minLon, Math.min(maxLon, lon));
        }

        /** A box of half-size {@code spread} degrees around a point, cut to this box. */
        Bounds around(double lat, double lon, double spread) {
            return new Bounds(Math.max(minLat, lat - spread), Math.min(maxLat, lat + spread),
                    Math.max(minLon, lon - spread), Math.min(maxLon, lon + spread));
        }
    }

    DistrictTemplate {
        communes = List.copyOf(communes);
    }

    /**
     * A district like those of the northern uplands: 10 to 18 communes, the first of them a town, 6 to 18 villages
     * of 350 to 900 people each, 0 to 6 cameras per commune and one pilot "smart" commune with 12 to 24.
     */
    static DistrictTemplate random(String name, double lat, double lon, Random random) {
        Bounds bounds = Bounds.NORTHERN_VIETNAM.around(lat, lon, 0.15);
        int count = 10 + random.nextInt(9);
        int pilot = 1 + random.nextInt(count - 1);
        Set<String> names = new HashSet<>();
        names.add(name);
        List<Commune> communes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String communeName = PlaceNames.area(random);
            while (!names.add(communeName)) {
                communeName = PlaceNames.area(random);
            }
            boolean town = i == 0;
            int villages = (town ? 8 : 6) + random.nextInt(13);
            long population = villages * (350L + random.nextInt(551));
            double communeLat = bounds.clampLat(lat + (random.nextDouble() * 2 - 1) * 0.11);
            double communeLon = bounds.clampLon(lon + (random.nextDouble() * 2 - 1) * 0.11);
            int cameras = i == pilot ? 12 + random.nextInt(13) : -1;
            communes.add(new Commune(communeName, town, villages, population, communeLat, communeLon, cameras,
                    List.of()));
        }
        return new DistrictTemplate(name, lat, lon, bounds, communes);
    }

    /** Villages over all communes. */
    int villageCount() {
        return communes.stream().mapToInt(Commune::villages).sum();
    }

    /** People over all communes. */
    long population() {
        return communes.stream().mapToLong(Commune::population).sum();
    }
}

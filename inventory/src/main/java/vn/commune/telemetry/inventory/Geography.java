package vn.commune.telemetry.inventory;

import java.util.List;
import vn.commune.telemetry.inventory.DistrictTemplate.Bounds;
import vn.commune.telemetry.inventory.DistrictTemplate.Commune;

/**
 * Real names behind the generated fleets. Bảo Thắng follows {@code shared/domain/districts.md}: 14 communes and
 * towns, 188 villages, about 112,000 people, 18 cameras in Gia Phú. The split of villages and people between
 * communes and all coordinates are plausible estimates, not survey figures. Village names come from the sources where
 * they give one (Thôn Đồng Lục and Thôn Hải Khê in Gia Phú); the others are generated.
 */
final class Geography {

    /** A named point: a province or district with its approximate centre. */
    record Area(String name, double lat, double lon) {
    }

    /** Bảo Thắng district, Lào Cai, before the 2025 reorganisation. */
    static final DistrictTemplate BAO_THANG = new DistrictTemplate("Bảo Thắng", 22.44, 104.07,
            new Bounds(22.30, 22.60, 103.90, 104.20), List.of(
                    town("Phố Lu", 20, 14_000, 22.335, 104.165),
                    town("Tằng Loỏng", 12, 9_000, 22.330, 104.080),
                    town("Phong Hải", 14, 9_500, 22.550, 104.110),
                    new Commune("Gia Phú", false, 18, 11_000, 22.345, 104.012, 18,
                            List.of("Thôn Hải Khê", "Thôn Đồng Lục")),
                    commune("Xuân Quang", 16, 9_000, 22.470, 104.090),
                    commune("Phong Niên", 15, 8_500, 22.500, 104.040),
                    commune("Sơn Hải", 9, 4_500, 22.400, 104.150),
                    commune("Thái Niên", 15, 8_000, 22.440, 104.130),
                    commune("Phú Nhuận", 16, 8_500, 22.330, 104.125),
                    commune("Sơn Hà", 11, 6_000, 22.375, 104.145),
                    commune("Xuân Giao", 15, 9_000, 22.385, 104.055),
                    commune("Trì Quang", 9, 4_500, 22.420, 104.170),
                    commune("Bản Phiệt", 10, 6_000, 22.555, 103.965),
                    commune("Bản Cầm", 8, 4_500, 22.530, 104.010)));

    /** Lào Cai province and its approximate centre. */
    static final Area LAO_CAI = new Area("Lào Cai", 22.35, 104.05);

    /** The other district-level units of Lào Cai, with approximate centres. */
    static final List<Area> LAO_CAI_DISTRICTS = List.of(
            new Area("Thành phố Lào Cai", 22.47, 103.97),
            new Area("Bát Xát", 22.55, 103.72),
            new Area("Mường Khương", 22.70, 104.10),
            new Area("Si Ma Cai", 22.70, 104.28),
            new Area("Bắc Hà", 22.52, 104.30),
            new Area("Bảo Yên", 22.20, 104.45),
            new Area("Sa Pa", 22.33, 103.85),
            new Area("Văn Bàn", 22.05, 104.20));

    /** Other northern provinces (names before the 2025 mergers), with approximate centres. */
    static final List<Area> NORTHERN_PROVINCES = List.of(
            new Area("Hà Giang", 22.80, 104.98),
            new Area("Cao Bằng", 22.67, 106.26),
            new Area("Bắc Kạn", 22.15, 105.83),
            new Area("Tuyên Quang", 21.82, 105.21),
            new Area("Lai Châu", 22.40, 103.46),
            new Area("Điện Biên", 21.39, 103.02),
            new Area("Sơn La", 21.33, 103.91),
            new Area("Yên Bái", 21.72, 104.91),
            new Area("Hòa Bình", 20.82, 105.34),
            new Area("Thái Nguyên", 21.59, 105.85),
            new Area("Lạng Sơn", 21.85, 106.76),
            new Area("Quảng Ninh", 21.01, 107.29),
            new Area("Bắc Giang", 21.27, 106.19),
            new Area("Phú Thọ", 21.32, 105.20),
            new Area("Vĩnh Phúc", 21.31, 105.60),
            new Area("Bắc Ninh", 21.18, 106.07),
            new Area("Hải Dương", 20.94, 106.33),
            new Area("Hưng Yên", 20.65, 106.05),
            new Area("Thái Bình", 20.45, 106.34),
            new Area("Hà Nam", 20.54, 105.92),
            new Area("Nam Định", 20.42, 106.17),
            new Area("Ninh Bình", 20.25, 105.97),
            new Area("Hải Phòng", 20.86, 106.68),
            new Area("Hà Nội", 21.03, 105.85),
            new Area("Thanh Hóa", 19.90, 105.50));

    private Geography() {
    }

    private static Commune town(String name, int villages, long population, double lat, double lon) {
        return new Commune(name, true, villages, population, lat, lon, -1, List.of());
    }

    private static Commune commune(String name, int villages, long population, double lat, double lon) {
        return new Commune(name, false, villages, population, lat, lon, -1, List.of());
    }
}

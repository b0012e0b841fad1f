package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Topics;

/** Verifies the shapes, sizes and determinism of generated fleets. */
class FleetGeneratorTest {

    static final List<String> BAO_THANG_COMMUNES = List.of("Phố Lu", "Tằng Loỏng", "Phong Hải", "Gia Phú",
            "Xuân Quang", "Phong Niên", "Sơn Hải", "Thái Niên", "Phú Nhuận", "Sơn Hà", "Xuân Giao", "Trì Quang",
            "Bản Phiệt", "Bản Cầm");

    /** Verifies that a district has Bảo Thắng's shape for any seed. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 2024, -99})
    void districtShape(long seed) {
        Inventory inventory = FleetGenerator.district(seed);
        assertThat(inventory.levels()).containsExactly("province", "district", "commune", "village");
        assertThat(inventory.placesAtLevel("province")).extracting(Place::name).containsExactly("Lào Cai");
        assertThat(inventory.placesAtLevel("district")).extracting(Place::name).containsExactly("Bảo Thắng");
        assertThat(inventory.placesAtLevel("commune")).extracting(Place::name)
                .containsExactlyElementsOf(BAO_THANG_COMMUNES);
        assertThat(inventory.placesAtLevel("village")).hasSize(188);
        assertThat(inventory.roots().get(0).population()).isEqualTo(112_000L);
        assertThat(inventory.countByKind()).containsEntry(DeviceKind.LOUDSPEAKER, 188)
                .containsEntry(DeviceKind.WIFI, 188).containsEntry(DeviceKind.GATEWAY, 14);
        for (Place commune : inventory.placesAtLevel("commune")) {
            long cameras = inventory.devicesAt(commune.id()).stream().filter(d -> d.kind() == DeviceKind.CAMERA)
                    .count();
            if (commune.id().equals("gia-phu")) {
                assertThat(cameras).isEqualTo(18);
            } else {
                assertThat(cameras).isBetween(0L, 6L);
            }
        }
        for (Place place : inventory.places()) {
            assertThat(place.lat()).isBetween(22.3, 22.6);
            assertThat(place.lon()).isBetween(103.9, 104.2);
        }
    }

    /** Verifies the device ids, names and gateways of a district. */
    @Test
    void districtDevices() {
        Inventory inventory = FleetGenerator.district(3);
        for (Place village : inventory.placesAtLevel("village")) {
            String commune = village.parentId();
            assertThat(inventory.devicesAt(village.id())).extracting(Device::id)
                    .containsExactly("ls-" + village.id(), "wifi-" + village.id());
            assertThat(village.id()).startsWith(commune + "-");
            assertThat(inventory.device("ls-" + village.id()).orElseThrow().name()).startsWith("Cụm loa ");
        }
        for (Place commune : inventory.placesAtLevel("commune")) {
            String gateway = "gw-" + commune.id();
            assertThat(inventory.device(gateway).map(Device::kind)).hasValue(DeviceKind.GATEWAY);
            List<Device> others = inventory.devicesUnder(commune.id()).stream()
                    .filter(d -> !d.id().equals(gateway)).collect(Collectors.toList());
            assertThat(others).allSatisfy(d -> assertThat(d.gatewayId()).isEqualTo(gateway));
            assertThat(inventory.devicesBehind(gateway)).hasSameSizeAs(others);
        }
        assertThat(inventory.device("cam-gia-phu-18").map(Device::placeId)).hasValue("gia-phu");
        assertThat(inventory.devices()).allSatisfy(d -> {
            assertThat(Topics.isValidDeviceId(d.id())).isTrue();
            assertThat(d.statusInterval()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        });
        long withDiacritics = inventory.placesAtLevel("village").stream()
                .filter(v -> v.name().chars().anyMatch(c -> c > 127)).count();
        assertThat(withDiacritics).isGreaterThan(100);
    }

    /** Verifies that the same seed gives the same file and another seed a different one. */
    @Test
    void deterministic() {
        assertThat(Fixtures.write(FleetGenerator.district(5))).isEqualTo(Fixtures.write(FleetGenerator.district(5)))
                .isNotEqualTo(Fixtures.write(FleetGenerator.district(6)));
        assertThat(Fixtures.write(FleetGenerator.province(5))).isEqualTo(Fixtures.write(FleetGenerator.province(5)))
                .isNotEqualTo(Fixtures.write(FleetGenerator.province(6)));
        assertThat(FleetGenerator.country(5, 5_000)).isEqualTo(FleetGenerator.country(5, 5_000))
                .isNotEqualTo(FleetGenerator.country(6, 5_000));
    }

    /** Verifies that a province is Lào Cai with 9 districts, Bảo Thắng first exactly as the district makes it. */
    @Test
    void province() {
        Inventory province = FleetGenerator.province(11);
        assertThat(province.roots()).extracting(Place::name).containsExactly("Lào Cai");
        assertThat(province.placesAtLevel("district")).hasSize(9).first().extracting(Place::name)
                .isEqualTo("Bảo Thắng");
        assertThat(province.devices().size()).isBetween(2_500, 6_000);
        assertThat(province.placesAtLevel("commune").size()).isBetween(90, 170);
        Inventory district = FleetGenerator.district(11);
        assertThat(province.devicesUnder("bao-thang")).containsExactlyInAnyOrderElementsOf(district.devices());
        assertThat(province.leavesUnder("bao-thang")).containsExactlyElementsOf(district.leavesUnder("lao-cai"));
    }

    /**
     * Verifies that the default country has about 100,000 devices in northern Vietnam and is built in seconds (about
     * 1.5 s on an idle machine; the bound leaves room for a busy CI machine).
     */
    @Test
    void country() {
        long start = System.nanoTime();
        Inventory country = FleetGenerator.country(1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(country.devices().size()).isBetween(100_000, 101_000);
        assertThat(country.roots().size()).isBetween(15, 40);
        assertThat(country.placesAtLevel("district").size()).isBetween(150, 400);
        assertThat(country.placesAtLevel("commune").size()).isGreaterThan(2_000);
        assertThat(country.roots()).extracting(Place::name).startsWith("Lào Cai", "Hà Giang", "Cao Bằng");
        for (Place place : country.places()) {
            assertThat(place.lat()).isBetween(19.5, 23.4);
            assertThat(place.lon()).isBetween(102.1, 107.6);
        }
        assertThat(country.tags(country.devices().iterator().next().id())).containsKeys("province", "district",
                "commune");
    }

    /** Verifies that a small target stops after the district that reaches it. */
    @Test
    void smallCountry() {
        Inventory country = FleetGenerator.country(3, 1_000);
        assertThat(country.devices().size()).isBetween(1_000, 2_000);
        assertThat(country.roots()).hasSize(1);
        assertThatThrownBy(() -> FleetGenerator.country(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies the lookups of {@link Inventory} on a small hand-written fleet. */
class InventoryQueriesTest {

    private static Inventory inventory;

    @BeforeAll
    static void read() throws InventoryException {
        inventory = Fixtures.small();
    }

    /** Verifies that levels, roots and the leaf level are those of the file. */
    @Test
    void levelsAndRoots() {
        assertThat(inventory.levels()).containsExactly("province", "district", "commune", "village");
        assertThat(inventory.leafLevel()).isEqualTo("village");
        assertThat(inventory.roots()).extracting(Place::id).containsExactly("lao-cai");
        assertThat(inventory.places()).extracting(Place::id).containsExactly("lao-cai", "bao-thang", "gia-phu",
                "gia-phu-thon-hai-khe", "gia-phu-thon-dong-luc", "xuan-quang", "xuan-quang-ban-coc-sam");
    }

    /** Verifies that a place carries its level, depth, parent, children and coordinates. */
    @Test
    void place() {
        Place giaPhu = inventory.place("gia-phu").orElseThrow();
        assertThat(giaPhu.name()).isEqualTo("Gia Phú");
        assertThat(giaPhu.level()).isEqualTo("commune");
        assertThat(giaPhu.depth()).isEqualTo(2);
        assertThat(giaPhu.parentId()).isEqualTo("bao-thang");
        assertThat(giaPhu.childIds()).containsExactly("gia-phu-thon-hai-khe", "gia-phu-thon-dong-luc");
        assertThat(giaPhu.lat()).isEqualTo(22.345);
        assertThat(giaPhu.lon()).isEqualTo(104.012);
        assertThat(giaPhu.isLeaf()).isFalse();
        Place xuanQuang = inventory.place("xuan-quang").orElseThrow();
        assertThat(xuanQuang.hasLocation()).isFalse();
        assertThat(inventory.place("nowhere")).isEmpty();
    }

    /** Verifies that a parent's population is the sum of its leaves. */
    @Test
    void populationSums() {
        assertThat(inventory.place("gia-phu-thon-hai-khe").orElseThrow().population()).isEqualTo(640L);
        assertThat(inventory.place("gia-phu").orElseThrow().population()).isEqualTo(640L + 515);
        assertThat(inventory.place("xuan-quang").orElseThrow().population()).isEqualTo(380L);
        assertThat(inventory.place("lao-cai").orElseThrow().population()).isEqualTo(640L + 515 + 380);
    }

    /** Verifies that a device carries its fields and that the interval falls back to its kind's default. */
    @Test
    void device() {
        Device loudspeaker = inventory.device("ls-gia-phu-thon-hai-khe").orElseThrow();
        assertThat(loudspeaker.kind()).isEqualTo(DeviceKind.LOUDSPEAKER);
        assertThat(loudspeaker.placeId()).isEqualTo("gia-phu-thon-hai-khe");
        assertThat(loudspeaker.name()).isEqualTo("Cụm loa thôn Hải Khê");
        assertThat(loudspeaker.gatewayId()).isEqualTo("gw-gia-phu");
        assertThat(loudspeaker.statusInterval()).isEqualTo(Duration.ofSeconds(30));
        Device wifi = inventory.device("wifi-gia-phu-thon-hai-khe").orElseThrow();
        assertThat(wifi.interval()).isNull();
        assertThat(wifi.statusInterval()).isEqualTo(Device.DEFAULT_INTERVAL);
        assertThat(wifi.displayName()).isEqualTo("wifi-gia-phu-thon-hai-khe");
        assertThat(inventory.device("gw-gia-phu").orElseThrow().statusInterval())
                .isEqualTo(Device.DEFAULT_GATEWAY_INTERVAL);
        assertThat(inventory.device("nothing")).isEmpty();
    }

    /** Verifies that the tags of a village device name every level down to the village, in order. */
    @Test
    void tagsOfVillageDevice() {
        assertThat(inventory.tags("ls-gia-phu-thon-hai-khe")).containsExactly(
                entry("device", "ls-gia-phu-thon-hai-khe"),
                entry("kind", "loudspeaker"),
                entry("province", "lao-cai"),
                entry("district", "bao-thang"),
                entry("commune", "gia-phu"),
                entry("village", "gia-phu-thon-hai-khe"));
    }

    /** Verifies that a device at a commune has no village tag and an unknown device no tags. */
    @Test
    void tagsOfCommuneDeviceAndUnknownDevice() {
        assertThat(inventory.tags("gw-gia-phu")).containsExactly(
                entry("device", "gw-gia-phu"),
                entry("kind", "gateway"),
                entry("province", "lao-cai"),
                entry("district", "bao-thang"),
                entry("commune", "gia-phu"));
        assertThat(inventory.tags("unknown")).isEmpty();
        assertThatThrownBy(() -> inventory.tags("gw-gia-phu").put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** Verifies that ancestors run from the root to the place itself. */
    @Test
    void ancestors() {
        assertThat(inventory.ancestors("gia-phu-thon-dong-luc")).extracting(Place::id)
                .containsExactly("lao-cai", "bao-thang", "gia-phu", "gia-phu-thon-dong-luc");
        assertThat(inventory.ancestors("lao-cai")).extracting(Place::id).containsExactly("lao-cai");
        assertThat(inventory.ancestors("nowhere")).isEmpty();
    }

    /** Verifies that the ancestor at a level is found for places at or below it, and only for them. */
    @Test
    void ancestorAtLevel() {
        assertThat(inventory.ancestorAtLevel("gia-phu-thon-hai-khe", "commune")).map(Place::id).hasValue("gia-phu");
        assertThat(inventory.ancestorAtLevel("gia-phu-thon-hai-khe", "province")).map(Place::id)
                .hasValue("lao-cai");
        assertThat(inventory.ancestorAtLevel("gia-phu", "commune")).map(Place::id).hasValue("gia-phu");
        assertThat(inventory.ancestorAtLevel("gia-phu", "village")).isEmpty();
        assertThat(inventory.ancestorAtLevel("gia-phu", "hamlet")).isEmpty();
        assertThat(inventory.ancestorAtLevel("nowhere", "commune")).isEmpty();
    }

    /** Verifies that devices under a place include those at the place itself and below it, in tree order. */
    @Test
    void devicesUnder() {
        assertThat(inventory.devicesUnder("gia-phu")).extracting(Device::id).containsExactly("gw-gia-phu",
                "cam-gia-phu-01", "ls-gia-phu-thon-hai-khe", "wifi-gia-phu-thon-hai-khe",
                "ls-gia-phu-thon-dong-luc");
        assertThat(inventory.devicesUnder("lao-cai")).hasSize(6);
        assertThat(inventory.devicesUnder("gia-phu-thon-hai-khe")).hasSize(2);
        assertThat(inventory.devicesAt("gia-phu")).extracting(Device::id)
                .containsExactly("gw-gia-phu", "cam-gia-phu-01");
        assertThat(inventory.devicesUnder("nowhere")).isEmpty();
    }

    /** Verifies that leaves under a place are its villages, and a village is its own leaf. */
    @Test
    void leavesUnder() {
        assertThat(inventory.leavesUnder("bao-thang")).extracting(Place::id)
                .containsExactly("gia-phu-thon-hai-khe", "gia-phu-thon-dong-luc", "xuan-quang-ban-coc-sam");
        assertThat(inventory.leavesUnder("xuan-quang-ban-coc-sam")).extracting(Place::id)
                .containsExactly("xuan-quang-ban-coc-sam");
        assertThat(inventory.leavesUnder("nowhere")).isEmpty();
    }

    /** Verifies that the devices behind a gateway are those naming it. */
    @Test
    void devicesBehind() {
        assertThat(inventory.devicesBehind("gw-gia-phu")).extracting(Device::id).containsExactly(
                "ls-gia-phu-thon-hai-khe", "wifi-gia-phu-thon-hai-khe", "cam-gia-phu-01",
                "ls-gia-phu-thon-dong-luc");
        assertThat(inventory.devicesBehind("ls-gia-phu-thon-hai-khe")).isEmpty();
    }

    /** Verifies the level and child lookups and the count per kind. */
    @Test
    void levelChildrenAndCounts() {
        assertThat(inventory.placesAtLevel("commune")).extracting(Place::id).containsExactly("gia-phu",
                "xuan-quang");
        assertThat(inventory.children("bao-thang")).extracting(Place::id).containsExactly("gia-phu", "xuan-quang");
        assertThat(inventory.children("nowhere")).isEmpty();
        assertThat(inventory.countByKind()).containsEntry(DeviceKind.LOUDSPEAKER, 3).containsEntry(DeviceKind.WIFI, 1)
                .containsEntry(DeviceKind.CAMERA, 1).containsEntry(DeviceKind.GATEWAY, 1);
    }

    /** Verifies that the collections handed out cannot change the inventory. */
    @Test
    void immutable() {
        assertThatThrownBy(() -> inventory.places().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inventory.devices().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inventory.roots().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inventory.devicesUnder("gia-phu").clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

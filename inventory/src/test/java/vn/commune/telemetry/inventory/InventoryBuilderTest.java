package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies building inventories in code. */
class InventoryBuilderTest {

    /** Verifies that places and devices may come in any order and end up in tree order. */
    @Test
    void anyOrder() throws InventoryException {
        Inventory inventory = new InventoryBuilder()
                .device("ls-1", DeviceKind.LOUDSPEAKER, "v1", null, "gw", null)
                .place("v1", "Thôn Một", "village", "c", 100L, 22.0, 104.0)
                .place("c", "Xã Một", "commune", null, null, null, null)
                .place("v2", "Thôn Hai", "village", "c", 50L, 22.1, 104.1)
                .device("gw", DeviceKind.GATEWAY, "c", null, null, null)
                .levels("commune", "village")
                .build();
        assertThat(inventory.places()).extracting(Place::id).containsExactly("c", "v1", "v2");
        assertThat(inventory.devices()).extracting(Device::id).containsExactly("ls-1", "gw");
        assertThat(inventory.place("c").orElseThrow().population()).isEqualTo(150L);
        assertThat(inventory.leafLevel()).isEqualTo("village");
    }

    /** Verifies that a copy made with {@code from} equals the original and can be extended. */
    @Test
    void fromInventory() throws InventoryException {
        Inventory small = Fixtures.small();
        assertThat(InventoryBuilder.from(small).build()).isEqualTo(small);
        Inventory bigger = InventoryBuilder.from(small)
                .device("cam-gia-phu-02", DeviceKind.CAMERA, "gia-phu", "Camera 2", "gw-gia-phu", null)
                .build();
        assertThat(bigger.devicesBehind("gw-gia-phu")).hasSize(5);
        assertThat(small.devicesBehind("gw-gia-phu")).hasSize(4);
    }

    /** Verifies that problems in code name the builder and the entry index, without a line. */
    @Test
    void problemsWithoutLines() {
        InventoryBuilder builder = new InventoryBuilder()
                .levels("commune", "village")
                .place("c", "Xã", "commune", null, null, null, null)
                .place("v", "Thôn", "village", "c", 10L, 22.0, 104.0)
                .device("ls-v", DeviceKind.LOUDSPEAKER, "nowhere", null, null, null);
        assertThatThrownBy(builder::build).isInstanceOf(InventoryException.class)
                .hasMessage("builder: devices[0].place: no place 'nowhere'")
                .satisfies(e -> assertThat(((InventoryException) e).line()).isZero());
    }

    /** Verifies the problems only code can make: a missing parent, a cycle, a control character. */
    @Test
    void problemsOnlyCodeCanMake() {
        assertThatThrownBy(() -> new InventoryBuilder().levels("a", "b")
                .place("x", "X", "a", "ghost", null, null, null).build())
                .hasMessage("builder: places[0].parent: no place 'ghost'");
        assertThatThrownBy(() -> new InventoryBuilder().levels("a", "b")
                .place("r", "R", "a", null, 1L, 1.0, 1.0)
                .place("x", "X", "b", "y", 1L, 1.0, 1.0)
                .place("y", "Y", "b", "x", 1L, 1.0, 1.0).build())
                .hasMessageStartingWith("builder: places[1].parent: place 'x' is not below any top place");
        assertThatThrownBy(() -> new InventoryBuilder().levels("a", "b")
                .place("r", "R\tR", "a", null, 1L, 1.0, 1.0).build())
                .hasMessage("builder: places[0].name: must not contain control characters (line breaks, tabs)");
        assertThatThrownBy(() -> new InventoryBuilder().place("r", "R", "a", null, 1L, 1.0, 1.0).build())
                .hasMessage("builder: levels: missing");
    }
}

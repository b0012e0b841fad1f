package vn.commune.telemetry.service.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryBuilder;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Two communes for the broker-account tests: {@code xa-a} with gateway {@code gw-a} (devices {@code ls-a1} and
 * {@code wifi-a1} behind it, {@code ls-a2} direct), {@code xa-b} with {@code ls-b1} direct and gateway {@code gw-b}
 * ({@code ls-b2} behind it).
 */
final class SmallFleet {

    private SmallFleet() {
    }

    static Inventory inventory() {
        return without(Set.of());
    }

    /** The fleet without these devices. */
    static Inventory without(Set<String> removed) {
        return with(removed, false);
    }

    /** The fleet without {@code removed}, and with a new loudspeaker {@code ls-a3} when {@code addA3}. */
    static Inventory with(Set<String> removed, boolean addA3) {
        InventoryBuilder builder = new InventoryBuilder().levels("district", "commune", "village")
                .place("huyen", "Huyện", "district", null, null, null, null)
                .place("xa-a", "Xã A", "commune", "huyen", null, null, null)
                .place("xa-a-t1", "Thôn 1", "village", "xa-a", 500L, 22.1, 104.1)
                .place("xa-b", "Xã B", "commune", "huyen", null, null, null)
                .place("xa-b-t1", "Thôn 1", "village", "xa-b", 400L, 22.2, 104.2);
        Device[] devices = {
            new Device("gw-a", DeviceKind.GATEWAY, "xa-a", null, null, null),
            new Device("ls-a1", DeviceKind.LOUDSPEAKER, "xa-a-t1", null, "gw-a", null),
            new Device("wifi-a1", DeviceKind.WIFI, "xa-a-t1", null, "gw-a", null),
            new Device("ls-a2", DeviceKind.LOUDSPEAKER, "xa-a-t1", null, null, null),
            new Device("ls-b1", DeviceKind.LOUDSPEAKER, "xa-b-t1", null, null, null),
            new Device("gw-b", DeviceKind.GATEWAY, "xa-b", null, null, null),
            new Device("ls-b2", DeviceKind.LOUDSPEAKER, "xa-b-t1", null, "gw-b", null),
        };
        for (Device device : devices) {
            if (!removed.contains(device.id())) {
                builder.device(device);
            }
        }
        if (addA3) {
            builder.device(new Device("ls-a3", DeviceKind.LOUDSPEAKER, "xa-a-t1", null, null, null));
        }
        try {
            return builder.build();
        } catch (InventoryException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Inventory inventory, Path file) {
        try {
            InventoryWriter.write(inventory, file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

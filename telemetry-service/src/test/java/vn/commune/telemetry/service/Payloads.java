package vn.commune.telemetry.service;

import java.util.List;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DeviceKind;

/** Wire-protocol payloads written out by hand, as a device vendor following docs/protocol.md would. */
final class Payloads {

    private Payloads() {
    }

    /** A loudspeaker status whose {@code uptime_s} carries {@code seq}, so each message is recognisable. */
    static String loudspeaker(long ts, long seq) {
        return "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"loudspeaker\",\"power\":\"mains\",\"battery_pct\":"
                + (seq % 101) + ",\"temp_c\":" + (20 + seq % 30) + ".5,\"rssi_dbm\":-70,\"rsrp_dbm\":-95,"
                + "\"uptime_s\":" + seq + ",\"playing\":" + (seq % 2 == 0) + ",\"program\":\"Bản tin sáng\","
                + "\"volume_pct\":80,\"amp_ok\":true,\"horns_ok\":4,\"horns_total\":4}";
    }

    /** The loudspeakers of the inventory, in its order. */
    static List<String> loudspeakers(Inventory inventory) {
        return inventory.devices().stream()
                .filter(d -> d.kind() == DeviceKind.LOUDSPEAKER)
                .map(Device::id)
                .toList();
    }
}

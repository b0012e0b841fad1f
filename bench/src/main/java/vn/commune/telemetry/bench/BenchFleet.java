package vn.commune.telemetry.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryBuilder;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.protocol.CommonStatus;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StatusMessage;

/** K loudspeakers, one per village, 100 villages a commune, and the status payloads they send. */
final class BenchFleet {

    private final List<String> devices = new ArrayList<>();
    private final Inventory inventory;
    private final MessageCodec codec = new MessageCodec();

    BenchFleet(int count) throws InventoryException {
        InventoryBuilder builder = new InventoryBuilder("bench")
                .levels("province", "district", "commune", "village")
                .place("bench-province", "Tỉnh thử", "province", null, null, null, null)
                .place("bench-district", "Huyện thử", "district", "bench-province", null, null, null);
        for (int i = 0; i < count; i++) {
            String commune = "bench-commune-" + (i / 100);
            if (i % 100 == 0) {
                builder.place(commune, "Xã " + (i / 100), "commune", "bench-district", null, null, null);
            }
            String village = commune + "-village-" + (i % 100);
            builder.place(village, "Thôn " + i, "village", commune, 500L, 22.4, 104.1);
            String id = "ls-bench-" + i;
            builder.device(id, DeviceKind.LOUDSPEAKER, village, null, null, null);
            devices.add(id);
        }
        inventory = builder.build();
    }

    void write(Path file) throws java.io.IOException {
        InventoryWriter.write(inventory, file);
    }

    int size() {
        return devices.size();
    }

    String device(long message) {
        return devices.get((int) (message % devices.size()));
    }

    String topic(long message) {
        return "tele/" + device(message) + "/status";
    }

    /** Message {@code seq}: a loudspeaker status of about 250 bytes, {@code uptime_s = seq}. */
    byte[] payload(long seq, long ts) {
        CommonStatus common = new CommonStatus(Power.MAINS, 90 + (int) (seq % 10), 30.5 + seq % 7, -70, -95, seq);
        LoudspeakerStatus detail = new LoudspeakerStatus(seq % 2 == 0, "Bản tin sáng", 80, true, 4, 4);
        return codec.encode(new StatusMessage(device(seq), ts, DeviceKind.LOUDSPEAKER, common, detail));
    }

    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}

package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.protocol.CommonStatus;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;

/** Every point is built by {@link StorageSchema} through {@link com.influxdb.client.write.Point}: no string a device
 * or the inventory supplies can add a point, a tag or a field. */
class StorageSchemaTest {

    private static final long TS = 1_700_000_000_123L;

    /** Verifies that hostile tag values and field strings stay inside their tag or field. */
    @Test
    void hostileStringsCannotAddPointsTagsOrFields() {
        Map<String, String> tags = tags("evil value,province=injected x=1 2\nstatus f=1", "v");
        String line = StorageSchema.message(new EventMessage("d", TS, EventType.TAMPER, "p\" f=1,g=2 3 x y=1", 5,
                "d"), tags, TS).toLineProtocol();
        assertThat(line).doesNotContain("\n");
        assertThat(line).startsWith("event,device=d,kind=loudspeaker,province=evil\\ value\\,province\\=injected\\ "
                + "x\\=1\\ 2\\nstatus\\ f\\=1,type=tamper,village=v ");
        assertThat(line).contains("program=\"p\\\" f=1,g=2 3 x y=1\"");
        assertThat(line).endsWith(" " + TS);
    }

    /** Verifies that a Will (no timestamp) is placed at its receipt, and every message point carries the version. */
    @Test
    void willIsPlacedAtReceiptAndEveryPointCarriesTheVersion() {
        Map<String, String> tags = tags("p", "v");
        for (Message message : messages("x")) {
            String line = StorageSchema.message(message, tags, TS + 7).toLineProtocol();
            assertThat(line).contains("v=1i");
            assertThat(line).endsWith(message instanceof StateMessage state && state.ts() == null ? " " + (TS + 7)
                    : " " + TS);
        }
    }

    private static Map<String, String> tags(String province, String village) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("device", "d");
        tags.put("kind", "loudspeaker");
        tags.put("province", province);
        tags.put("village", village);
        return Collections.unmodifiableMap(tags);
    }

    private static List<Message> messages(String text) {
        CommonStatus common = new CommonStatus(Power.MAINS, 90, 30.5, -70, -95, 42L);
        LoudspeakerStatus detail = new LoudspeakerStatus(true, text, 80, true, 4, 4);
        return List.of(new StatusMessage("d", TS, DeviceKind.LOUDSPEAKER, common, detail),
                new EventMessage("d", TS, EventType.BROADCAST_STARTED, text, 50, text),
                new StateMessage("d", TS, ConnectionState.ONLINE),
                new StateMessage("d", null, ConnectionState.OFFLINE));
    }
}

package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/** The encoder's cached measurement-and-tags part: always what {@link com.influxdb.client.write.Point} writes. */
class PointEncoderTest {

    private static final long TS = 1_700_000_000_123L;

    /** Strings that would break a hand-made line: separators, quotes, escapes, line ends, non-ASCII. */
    private static final List<String> HOSTILE = List.of("plain", "with space", "a,b", "k=v", "quote\"d", "back\\slash",
            "trailing\\", "new\nline", "cr\rlf", "tab\there", "x y=1 2\nstatus,device=evil f=1 3", "Thôn Bản",
            "=", ",", " ", "\\ ", "emoji \uD83D\uDE00");

    /** Verifies that every line equals Point's own one-go encoding, for hostile tag values and field strings. */
    @Test
    void cachedLinesEqualPointsEncodingForHostileStrings() {
        PointEncoder encoder = new PointEncoder();
        List<Map<String, String>> tagSets = new ArrayList<>();
        for (String value : HOSTILE) {
            tagSets.add(tags(value, "village " + value));
        }
        for (int round = 0; round < 2; round++) {
            for (Map<String, String> tags : tagSets) {
                for (String text : HOSTILE) {
                    for (Message message : messages(text)) {
                        String line = encoder.encode(message, tags, TS + 7);
                        assertThat(line).isEqualTo(PointEncoder.reference(message, tags, TS + 7));
                    }
                }
            }
        }
        // one prefix per tag set and measurement (and event type), however many messages
        assertThat(encoder.cachedPrefixes()).isEqualTo(tagSets.size() * 3);
    }

    /** Verifies that hostile strings stay inside their tag or field: one point, the expected tag and field counts. */
    @Test
    void hostileStringsCannotAddPointsTagsOrFields() {
        PointEncoder encoder = new PointEncoder();
        Map<String, String> tags = tags("evil value,province=injected x=1 2\nstatus f=1", "v");
        String line = encoder.encode(new EventMessage("d", TS, EventType.TAMPER, "p\" f=1,g=2 3 x y=1", 5, "d"),
                tags, TS);
        assertThat(line).doesNotContain("\n");
        assertThat(line).startsWith("event,device=d,kind=loudspeaker,province=evil\\ value\\,province\\=injected\\ "
                + "x\\=1\\ 2\\nstatus\\ f\\=1,type=tamper,village=v ");
        assertThat(line).contains("program=\"p\\\" f=1,g=2 3 x y=1\"");
        assertThat(line).endsWith(" " + TS);
    }

    /** Verifies that a new tags map (an inventory reload) gets its own prefix, while the old one still works. */
    @Test
    void newTagsMapIsEncodedAfresh() {
        PointEncoder encoder = new PointEncoder();
        Message message = messages("x").get(0);
        String before = encoder.encode(message, tags("p1", "v1"), TS);
        String after = encoder.encode(message, tags("p2", "v1"), TS);
        assertThat(before).contains("province=p1").doesNotContain("p2");
        assertThat(after).contains("province=p2").doesNotContain("p1");
        assertThat(encoder.cachedPrefixes()).isEqualTo(2);
    }

    /** Verifies that the cache is bounded. */
    @Test
    void cacheIsBounded() {
        PointEncoder encoder = new PointEncoder();
        Message message = messages("x").get(0);
        for (int i = 0; i < PointEncoder.MAX_CACHED_PREFIXES + 100; i++) {
            encoder.encode(message, tags("p" + i, "v"), TS);
        }
        assertThat(encoder.cachedPrefixes()).isEqualTo(PointEncoder.MAX_CACHED_PREFIXES);
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

package vn.commune.telemetry.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies the truth file: what the writer writes, the reader reads back. */
class TruthFormatTest {

    @TempDir
    Path dir;

    /** Verifies a round trip of every record type and the exact text of a few lines. */
    @Test
    void roundTrip() throws IOException {
        List<TruthRecord> records = List.of(
                new TruthRecord.Header(1, 7, 1000, 61_000L, Double.POSITIVE_INFINITY, "per-device", "demo", 0.001, 2,
                        Map.of("loudspeaker", 60_000L, "gateway", 30_000L), false),
                new TruthRecord.DeviceInfo("ls-a", DeviceKind.LOUDSPEAKER, "thon-a", "xa-a", "mains", 60_000, 1500),
                new TruthRecord.State("ls-a", true, 1000, 31_000, List.of(), 1, 1500L, 60_000),
                new TruthRecord.State("ls-a", false, 31_000, 61_000, List.of("commune_outage", "link_flap"), 0, null,
                        60_000),
                new TruthRecord.Playing("ls-a", "Bản tin sáng", "sang", null, "normal", 3, 2000, 30_000),
                new TruthRecord.Fault("power_cut", null, "thon-a", null, 5000, 9000,
                        Map.of("devices", List.of("ls-a", "wifi-a"))),
                new TruthRecord.Fault("malformed", "ls-a", null, null, 7000, 7000,
                        Map.of("reason", "wrong_type", "topic", "tele/ls-a/status")),
                new TruthRecord.End(61_000, 12, 1));
        Path file = dir.resolve("truth.jsonl");
        try (TruthWriter writer = new TruthWriter(file)) {
            records.forEach(writer::write);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"header\",\"v\":1,\"seed\":7,\"start\":1000,\"end\":61000,"
                + "\"speed\":\"max\",\"connections\":\"per-device\",\"faults\":\"demo\",\"malformed_rate\":0.001,"
                + "\"devices\":2,\"intervals_ms\":{\"gateway\":30000,\"loudspeaker\":60000},\"wills\":false}");
        assertThat(lines.get(2)).isEqualTo("{\"type\":\"state\",\"device\":\"ls-a\",\"state\":\"online\","
                + "\"from\":1000,\"to\":31000,\"statuses\":1,\"status_first\":1500,\"interval_ms\":60000}");
        assertThat(lines.get(3)).isEqualTo("{\"type\":\"state\",\"device\":\"ls-a\",\"state\":\"offline\","
                + "\"from\":31000,\"to\":61000,\"causes\":[\"commune_outage\",\"link_flap\"],\"interval_ms\":60000}");
        assertThat(TruthReader.read(file)).isEqualTo(records);
    }

    /** Verifies that unknown record types are skipped and broken lines name their line. */
    @Test
    void unknownTypesAndBrokenLines() throws IOException {
        Path file = Files.writeString(dir.resolve("t.jsonl"), "{\"type\":\"future\",\"x\":1}\n\n"
                + "{\"type\":\"end\",\"end\":5,\"messages\":1,\"malformed\":0}\n");
        assertThat(TruthReader.read(file)).containsExactly(new TruthRecord.End(5, 1, 0));

        Path broken = Files.writeString(dir.resolve("b.jsonl"), "{\"type\":\"end\"}\n");
        assertThatThrownBy(() -> TruthReader.read(broken)).isInstanceOf(IOException.class)
                .hasMessageContaining("b.jsonl:1");
    }

    /** Verifies the index: intervals by device and fault, uptime over a period clipped to it. */
    @Test
    void groundTruthIndex() {
        GroundTruth truth = GroundTruth.of(List.of(
                new TruthRecord.State("ls-a", true, 0, 600, List.of(), 10, 0L, 60),
                new TruthRecord.State("ls-a", false, 600, 800, List.of("dead"), 0, null, 60),
                new TruthRecord.State("ls-a", true, 800, 1000, List.of(), 4, 800L, 60),
                new TruthRecord.Fault("dead", "ls-a", null, null, 600, 800, Map.of())));

        assertThat(truth.onlineMillis("ls-a", 0, 1000)).isEqualTo(800);
        assertThat(truth.offlineMillis("ls-a", 500, 700)).isEqualTo(100);
        assertThat(truth.uptimePercent("ls-a", 500, 900)).isEqualTo(50.0);
        assertThat(truth.uptimePercent("nobody", 0, 1000)).isEqualTo(100.0);
        assertThat(truth.faults("dead")).hasSize(1);
        assertThat(truth.states("ls-a")).hasSize(3);
        assertThat(truth.header()).isNull();
    }

    /** Verifies that summaries compute uptime. */
    @Test
    void uptime() {
        DeviceTruth truth = new DeviceTruth("ls-a", DeviceKind.LOUDSPEAKER, 75, 25, 3, List.of(), List.of());
        assertThat(truth.uptimePercent()).isEqualTo(75.0);
    }
}

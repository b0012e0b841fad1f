package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Verifies that {@code docs/protocol.md} keeps naming everything the code defines. */
class ProtocolDocTest {

    private static final Path DOC = Path.of("..", "docs", "protocol.md");
    private static final Pattern EXAMPLE = Pattern.compile("Topic: `([^`]+)`\\s+```json\\n(.*?)\\n```", Pattern.DOTALL);

    /** Verifies that the page names every reason, every wire field, every enum value and every limit. */
    @Test
    void docNamesEverything() throws IOException, IllegalAccessException {
        String doc = Files.readString(DOC);

        for (RejectReason reason : RejectReason.values()) {
            assertThat(doc).as("reason").contains("`" + reason.name() + "`");
        }
        for (Field field : WireFields.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(doc).as("field").contains("`" + field.get(null) + "`");
            }
        }
        for (EventType type : EventType.values()) {
            assertThat(doc).contains("`" + type.wireName() + "`");
        }
        for (Uplink uplink : Uplink.values()) {
            assertThat(doc).contains("`" + uplink.wireName() + "`");
        }
        assertThat(doc).contains("tele/{deviceId}/status", "tele/{deviceId}/event", "tele/{deviceId}/state",
                "cmd/{deviceId}/{command}", "cmd/commune/{communeId}/schedule", "16384", "256", "32", "7 days",
                "5 minutes");
    }

    /** Verifies that every example payload of the page is accepted on its topic. */
    @Test
    void examplesAreAccepted() throws IOException {
        String doc = Files.readString(DOC);
        Matcher example = EXAMPLE.matcher(doc);
        MessageCodec codec = new MessageCodec();
        int count = 0;

        while (example.find()) {
            DecodeResult result = codec.decode(example.group(1),
                    example.group(2).getBytes(java.nio.charset.StandardCharsets.UTF_8), TestPayloads.NOW);
            assertThat(result).as(example.group(2)).isInstanceOf(DecodeResult.Accepted.class);
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(9);
    }
}

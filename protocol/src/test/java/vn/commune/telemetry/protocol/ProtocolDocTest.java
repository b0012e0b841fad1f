package vn.commune.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Verifies that {@code docs/protocol.md} keeps naming everything the code defines. */
class ProtocolDocTest {

    private static final Path DOC = Path.of("..", "docs", "protocol.md");

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
}

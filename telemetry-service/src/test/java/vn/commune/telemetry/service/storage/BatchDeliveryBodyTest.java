package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchDeliveryBodyTest {

    /** Verifies that the body is the lines joined by newlines, in UTF-8. */
    @Test
    void linesJoinedByNewlines() {
        Buffer body = joined(BatchDelivery.body(List.of("status,device=a v=1i 1",
                "status,device=b program=\"Bản tin\" 2")));

        assertThat(body.toString(StandardCharsets.UTF_8))
                .isEqualTo("status,device=a v=1i 1\nstatus,device=b program=\"Bản tin\" 2");
    }

    /** Verifies that a body larger than one chunk is whole and in order, with no line cut or doubled. */
    @Test
    void largeBodyIsWhole() {
        // Given lines of multi-byte text filling several chunks
        List<String> lines = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; lines.size() < 8_000; i++) {
            String line = "status,device=loa-" + i + " program=\"Bản tin sáng " + "ư".repeat(i % 80) + "\" " + i;
            lines.add(line);
            expected.append(i == 0 ? "" : "\n").append(line);
        }

        // When the body is built
        List<Buffer> chunks = BatchDelivery.body(lines);

        // Then it is in several chunks of at most BODY_CHUNK bytes, which joined are the lines, byte for byte
        byte[] bytes = expected.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(2 * BatchDelivery.BODY_CHUNK);
        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(chunk -> assertThat(chunk.length())
                .isBetween(1, BatchDelivery.BODY_CHUNK));
        Buffer body = joined(chunks);
        assertThat(body.length()).isEqualTo(bytes.length);
        assertThat(body.getBytes()).isEqualTo(bytes);
    }

    /** Verifies that an empty batch is an empty body. */
    @Test
    void emptyBatch() {
        assertThat(BatchDelivery.body(List.of())).isEmpty();
    }

    private static Buffer joined(List<Buffer> chunks) {
        Buffer all = Buffer.buffer();
        chunks.forEach(all::appendBuffer);
        return all;
    }
}

package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points InfluxDB rejected as bad data, one JSON object a line: {@code {"ts_received": <epoch ms>, "reason":
 * <InfluxDB's message>, "line": <the point>}}, fsynced before the append completes. Bounded: past {@code maxBytes}
 * the file is renamed to {@code <name>.1} (replacing the previous one) and a new file begins. File I/O runs on the
 * ordered worker.
 */
final class DeadLetterFile {

    /** Default bound of one dead-letter file. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFile.class);

    /** One rejected point. */
    record DeadLetter(long receivedAt, String reason, String line) {
        String toJson() {
            return new JsonObject().put("ts_received", receivedAt).put("reason", reason).put("line", line).encode();
        }
    }

    private final Path file;
    private final long maxBytes;
    private final WorkerExecutor worker;
    private FileChannel channel;

    DeadLetterFile(Path file, long maxBytes, WorkerExecutor worker) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.worker = worker;
    }

    Path path() {
        return file;
    }

    /** Appends the letters; the Future completes once they are fsynced. */
    Future<Void> append(List<DeadLetter> letters) {
        StringBuilder text = new StringBuilder();
        for (DeadLetter letter : letters) {
            text.append(letter.toJson()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return worker.executeBlocking(() -> {
            FileChannel out = channel(bytes.length);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
            return null;
        }, true);
    }

    private FileChannel channel(long incoming) throws IOException {
        if (channel == null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        long size = channel.size();
        if (size > 0 && size + incoming > maxBytes) {
            channel.close();
            channel = null;
            Path previous = file.resolveSibling(file.getFileName() + ".1");
            Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("dead-letter file {} reached {} bytes; moved to {} and started anew", file, size, previous);
            return channel(incoming);
        }
        return channel;
    }

    Future<Void> close() {
        return worker.executeBlocking(() -> {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            return null;
        }, true);
    }
}

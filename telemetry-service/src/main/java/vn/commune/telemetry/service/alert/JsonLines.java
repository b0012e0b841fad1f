package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Appends JSON objects to a file, one per line, through Vert.x's asynchronous file system (never on the loop). */
final class JsonLines {

    private JsonLines() {
    }

    /** Appends {@code json} and a newline to {@code file}, creating it and its directory when missing. */
    static Future<Void> append(Vertx vertx, Path file, JsonObject json) {
        return vertx.fileSystem().mkdirs(file.toAbsolutePath().getParent().toString())
                .compose(v -> vertx.fileSystem().open(file.toString(), new OpenOptions().setAppend(true)
                        .setCreate(true)))
                .compose(out -> out.write(Buffer.buffer(json.encode() + "\n")).eventually(out::close));
    }
}

package vn.commune.telemetry.service.broker;

import java.nio.file.Path;

/** A password or credentials file this cannot use as it is; the message is {@code file:line: reason}. */
public final class BrokerFileException extends Exception {

    public BrokerFileException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    }
}

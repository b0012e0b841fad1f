package vn.commune.telemetry.service.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provisioning file: the clear-text passwords of accounts made or rotated and not yet handed out, one
 * {@code username:password} line each (the format {@code mosquitto_passwd -U} also reads). Written with mode 600;
 * new passwords are added to what is there, never in place of a password not yet handed out (only an explicit
 * rotation replaces one), and lines of accounts that no longer exist are dropped. The operator deletes a line (or the
 * file) once the password is where it belongs.
 */
public final class CredentialsFile {

    static final String HEADER = """
            # Broker passwords written by `telemetry-service broker-accounts` (docs/broker.md), username:password.
            # Secret: give each to its device, gateway or service, then delete its line (or this file).
            """;

    private CredentialsFile() {
    }

    /** The passwords by username, in file order; empty when the file does not exist. */
    public static Map<String, String> read(Path file) throws BrokerFileException, IOException {
        return UserLines.read(file, "username:password", (username, password, line) -> { });
    }

    public static String render(Map<String, String> passwords) {
        StringBuilder text = new StringBuilder(HEADER);
        passwords.forEach((username, password) -> text.append(username).append(':').append(password).append('\n'));
        return text.toString();
    }
}

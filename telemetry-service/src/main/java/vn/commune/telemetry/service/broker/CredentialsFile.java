package vn.commune.telemetry.service.broker;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (MalformedInputException e) {
            throw new BrokerFileException(file, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new BrokerFileException(file, i + 1, "expected username:password");
            }
            if (passwords.putIfAbsent(line.substring(0, colon), line.substring(colon + 1)) != null) {
                throw new BrokerFileException(file, i + 1, "'" + line.substring(0, colon) + "' appears twice");
            }
        }
        return passwords;
    }

    public static String render(Map<String, String> passwords) {
        StringBuilder text = new StringBuilder(HEADER);
        passwords.forEach((username, password) -> text.append(username).append(':').append(password).append('\n'));
        return text.toString();
    }
}

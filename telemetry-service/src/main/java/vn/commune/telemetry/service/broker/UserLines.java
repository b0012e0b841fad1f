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
 * The one reader of the broker's {@code username:value} files (the password file, the provisioning file): blank
 * lines and {@code #} comments skipped, every other line split at its first colon, a username given twice refused,
 * each problem named by file and line.
 */
final class UserLines {

    /** Checks one line's value; throws to refuse it. */
    @FunctionalInterface
    interface ValueCheck {
        void check(String username, String value, int line) throws BrokerFileException;
    }

    private UserLines() {
    }

    /**
     * The values by username, in file order; empty when the file does not exist.
     *
     * @param shape what a line should look like, for the error ({@code username:hash})
     */
    static Map<String, String> read(Path file, String shape, ValueCheck check) throws BrokerFileException,
            IOException {
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
        Map<String, String> values = new LinkedHashMap<>(lines.size() * 4 / 3 + 1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new BrokerFileException(file, i + 1, "expected " + shape);
            }
            String username = line.substring(0, colon);
            String value = line.substring(colon + 1);
            check.check(username, value, i + 1);
            if (values.putIfAbsent(username, value) != null) {
                throw new BrokerFileException(file, i + 1, "'" + username + "' appears twice");
            }
        }
        return values;
    }
}

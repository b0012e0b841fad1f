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
 * Mosquitto's password file: one {@code username:hash} line per account. Read into the lines as they are, so that
 * a rewrite keeps every account it does not change byte for byte.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * The file's lines by username, in file order; empty when the file does not exist. Blank lines are skipped.
     *
     * @throws BrokerFileException a line that is not {@code username:hash} with a hash Mosquitto reads, or a username
     *                             given twice (named by file and line)
     */
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
        Map<String, String> accounts = new LinkedHashMap<>(lines.size() * 4 / 3 + 1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BrokerFileException(file, i + 1, "expected username:hash");
            }
            String username = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!MosquittoHash.isHash(hash)) {
                throw new BrokerFileException(file, i + 1, "the password of '" + username + "' is not a hash "
                        + "Mosquitto 2 reads ($7$… or $6$…)");
            }
            if (accounts.putIfAbsent(username, line) != null) {
                throw new BrokerFileException(file, i + 1, "'" + username + "' appears twice");
            }
        }
        return accounts;
    }

    /** The file's text for these lines (each a {@code username:hash}), in the order given. */
    public static String render(Iterable<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}

package vn.commune.telemetry.service.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Mosquitto's password file: one {@code username:hash} line per account. Read into the lines as they are, so that
 * a rewrite keeps every account it does not change byte for byte.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * The file's lines by username, in file order; empty when the file does not exist. Blank lines and `#` comments are skipped.
     *
     * @throws BrokerFileException a line that is not {@code username:hash} with a hash Mosquitto reads, or a username
     *                             given twice (named by file and line)
     */
    public static Map<String, String> read(Path file) throws BrokerFileException, IOException {
        Map<String, String> hashes = UserLines.read(file, "username:hash", (username, hash, line) -> {
            if (!MosquittoHash.isHash(hash)) {
                throw new BrokerFileException(file, line, "the password of '" + username + "' is not a hash "
                        + "Mosquitto 2 reads ($7$… or $6$…)");
            }
        });
        // each account's line as it stands, so that a rewrite keeps it byte for byte
        hashes.replaceAll((username, hash) -> username + ":" + hash);
        return hashes;
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

package vn.commune.telemetry.service.auth;

import java.security.SecureRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes: Argon2id for new ones (OWASP's minimum: 19 MiB, 2 iterations, 1 lane), and bcrypt accepted for
 * hashes made elsewhere. Hashing takes tens of milliseconds on purpose: call it off the event loop.
 */
public final class Passwords {

    /** The shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /** A hash to check unknown users against, so that they take as long as known ones. */
    private final String decoy = argon2.encode("decoy-" + RANDOM.nextLong());

    /** The Argon2id hash of a password. */
    public String hash(String password) {
        return argon2.encode(password);
    }

    /** Whether the password matches the hash (false for a hash in no format known here). */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            argon2.matches(password, decoy);
            return false;
        }
        if (hash.startsWith("$argon2id$")) {
            return argon2.matches(password, hash);
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return bcrypt.matches(password, hash);
        }
        return false;
    }

    /** Whether a hash is in a format this accepts. */
    public static boolean knownFormat(String hash) {
        return hash.startsWith("$argon2id$") || hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}");
    }

    /** A random password of 16 letters and digits (no 0/O, 1/l/I), about 93 bits. */
    public static String generate() {
        StringBuilder out = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}

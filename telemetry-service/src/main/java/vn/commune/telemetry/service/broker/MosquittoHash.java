package vn.commune.telemetry.service.broker;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Mosquitto 2's own password-file format, {@code $7$ITERATIONS$SALT$HASH}: PBKDF2-HMAC-SHA512
 * with a 12-byte random salt and a 64-byte result, both in standard Base64, 101 iterations, as {@code mosquitto_passwd}
 * 2.0 writes them. Mosquitto 2.0 also reads the older {@code $6$SALT$HASH} (one round of SHA-512), which
 * {@link #isHash} accepts so that an existing file can be kept.
 */
public final class MosquittoHash {

    /** Iterations {@code mosquitto_passwd} 2.0 uses by default. */
    public static final int ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final Base64.Encoder PASSWORD_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Random bytes of a generated password: 192 bits. */
    static final int PASSWORD_BYTES = 24;

    private final SecureRandom random;

    public MosquittoHash(SecureRandom random) {
        this.random = random;
    }

    /** A new random password: {@value #PASSWORD_BYTES} random bytes, URL-safe Base64 (32 characters, no ':'). */
    public String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return PASSWORD_ENCODER.encodeToString(bytes);
    }

    /** The {@code $7$} hash of a password with a new random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    /** The {@code $7$} hash of a password with this salt and iteration count. */
    static String hash(String password, byte[] salt, int iterations) {
        return "$7$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether the password matches a {@code $7$} hash (false for any other or a malformed one). */
    public static boolean matches(String password, String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("7")) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            byte[] salt = B64_DECODER.decode(parts[3]);
            byte[] expected = B64_DECODER.decode(parts[4]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether {@code encoded} has the shape of a hash Mosquitto 2.0 reads: {@code $7$N$salt$hash} or
     * {@code $6$salt$hash}, with Base64 salt and hash of the right lengths.
     */
    public static boolean isHash(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        try {
            if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
                return parts[2].matches("[1-9][0-9]{0,8}") && B64_DECODER.decode(parts[3]).length > 0
                        && B64_DECODER.decode(parts[4]).length == HASH_BYTES;
            }
            if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("6")) {
                return B64_DECODER.decode(parts[2]).length > 0 && B64_DECODER.decode(parts[3]).length == HASH_BYTES;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}

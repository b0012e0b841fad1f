package vn.commune.telemetry.service.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MosquittoHashTest {

    /** Written by {@code mosquitto_passwd -c -b FILE alice 'correct horse'} (Mosquitto 2.0.11). */
    private static final String FROM_MOSQUITTO_PASSWD =
            "$7$101$W7fEpmzWbS0FDsfe$3YszWSGvL4TTPGYbhsjPcqCfaWzGQufu+kj5Z9vsUdDMaeQy1P93UMBm+fEZswx+2OUJe+W5YOvxDDSkWy4FwQ==";

    private final MosquittoHash hasher = new MosquittoHash(new SecureRandom());

    /** Verifies that the same password and salt give byte for byte the hash mosquitto_passwd wrote. */
    @Test
    void reproducesMosquittoPasswd() {
        byte[] salt = Base64.getDecoder().decode("W7fEpmzWbS0FDsfe");

        assertThat(MosquittoHash.hash("correct horse", salt, 101)).isEqualTo(FROM_MOSQUITTO_PASSWD);
        assertThat(MosquittoHash.matches("correct horse", FROM_MOSQUITTO_PASSWD)).isTrue();
        assertThat(MosquittoHash.matches("correct horsf", FROM_MOSQUITTO_PASSWD)).isFalse();
    }

    /** Verifies the shape of a new hash: $7$, 101 iterations, a 12-byte salt and a 64-byte PBKDF2-SHA512 result. */
    @Test
    void newHashHasMosquittosShape() {
        String password = hasher.newPassword();
        String hash = hasher.hash(password);

        String[] parts = hash.split("\\$");
        assertThat(parts).hasSize(5);
        assertThat(parts[1]).isEqualTo("7");
        assertThat(parts[2]).isEqualTo("101");
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(12);
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(64);
        assertThat(MosquittoHash.isHash(hash)).isTrue();
        assertThat(MosquittoHash.matches(password, hash)).isTrue();
        assertThat(hasher.hash(password)).as("a new salt each time").isNotEqualTo(hash);
    }

    /** Verifies that passwords are 192 random bits in URL-safe Base64, never twice the same. */
    @Test
    void passwordsAreLongRandomAndUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = hasher.newPassword();
            assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]{32}");
            assertThat(Base64.getUrlDecoder().decode(password)).hasSize(24);
            seen.add(password);
        }
        assertThat(seen).hasSize(1000);
    }

    /** Verifies which texts pass for a hash Mosquitto reads. */
    @Test
    void recognisesHashes() {
        assertThat(MosquittoHash.isHash(FROM_MOSQUITTO_PASSWD)).isTrue();
        assertThat(MosquittoHash.isHash("$6$W7fEpmzWbS0FDsfe$3YszWSGvL4TTPGYbhsjPcqCfaWzGQufu+kj5Z9vsUdDMaeQy1P93UMBm"
                + "+fEZswx+2OUJe+W5YOvxDDSkWy4FwQ==")).isTrue();
        assertThat(MosquittoHash.isHash("plain-text-password")).isFalse();
        assertThat(MosquittoHash.isHash("$7$101$W7fEpmzWbS0FDsfe$tooshort")).isFalse();
        assertThat(MosquittoHash.isHash("$7$0$W7fEpmzWbS0FDsfe$" + FROM_MOSQUITTO_PASSWD.substring(24))).isFalse();
        assertThat(MosquittoHash.isHash("$7$101$not*base64$" + FROM_MOSQUITTO_PASSWD.substring(24))).isFalse();
        assertThat(MosquittoHash.matches("x", "$6$abc$def")).isFalse();
    }
}

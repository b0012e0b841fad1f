package vn.commune.telemetry.service.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of the TLS settings at start-up, so that a missing, unreadable or wrong file stops the service
 * with one line naming the setting, not with a stack trace from the first handshake.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final int MAX_BYTES = 1 << 20;

    private PemFiles() {
    }

    /** The bytes of a PEM file, at most 1 MiB. */
    public static byte[] read(Path file, String key) throws ConfigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(key, file + " is larger than 1 MiB: not a PEM certificate or key");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(key, "no such file: " + file);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The X.509 certificates of a PEM file (one at least), in the file's order. */
    public static List<X509Certificate> certificates(Path file, String key) throws ConfigException {
        byte[] pem = read(file, key);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new ConfigException(key, file + " holds a damaged certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(key, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The private key of a PEM file: PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA, EC or EdDSA, unencrypted. The older
     * {@code BEGIN RSA PRIVATE KEY} and {@code BEGIN EC PRIVATE KEY} forms are refused with the command that converts
     * them.
     */
    public static PrivateKey privateKey(Path file, String key) throws ConfigException {
        byte[] pem = read(file, key);
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new ConfigException(key, file + " is a PKCS#1/SEC1 key; convert it to PKCS#8 with: openssl pkcs8 "
                    + "-topk8 -nocrypt -in " + file + " -out key.pem");
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new ConfigException(key, file + " is encrypted; the service needs it unencrypted (mode 0600)");
        }
        List<byte[]> keys = blocks(pem, "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new ConfigException(key, file + " must hold exactly one PEM private key "
                    + "(-----BEGIN PRIVATE KEY-----), found " + keys.size());
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new ConfigException(key, file + " holds a private key that is neither EC, RSA nor EdDSA, or is damaged");
    }

    /** Fails unless {@code privateKey} belongs to {@code certificate}: what one signs, the other verifies. */
    public static void requireMatch(PrivateKey privateKey, X509Certificate certificate, String key)
            throws ConfigException {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> privateKey.getAlgorithm();
        };
        try {
            byte[] probe = "commune-telemetry".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below
        }
        throw new ConfigException(key, "the private key does not belong to the certificate "
                + certificate.getSubjectX500Principal().getName());
    }

    private static List<byte[]> blocks(byte[] pem, String type) {
        Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        List<byte[]> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                found.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return found;
    }
}

package vn.commune.telemetry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made by the project's own recipe, {@code config/tls/pilot-certs.sh} (which needs the
 * {@code openssl} command): a private CA and a server certificate signed by it for the given names and addresses.
 *
 * @param ca      the CA certificate (what clients trust)
 * @param cert    the server certificate
 * @param key     the server's private key
 */
public record PilotCerts(Path ca, Path cert, Path key) {

    /** Where the script lies, from a module's folder or the repository's root. */
    public static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("config").resolve("tls").resolve("pilot-certs.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("config/tls/pilot-certs.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** Runs the script into {@code dir} (a new CA unless one is there) for {@code names} (host names or IPs). */
    public static PilotCerts make(Path dir, String... names) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString(), dir.toString()));
        command.addAll(List.of(names));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pilot-certs.sh failed (is openssl installed? apt-get install -y "
                        + "openssl): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new PilotCerts(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    }

    /** A client's TLS context that trusts this CA alone (TLS 1.2+). */
    public SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + ca + ": " + e, e);
        }
    }

    /** A broker security with a TLS listener using these files. */
    public BrokerSecurity brokerTls() {
        return BrokerSecurity.tls(ca, cert, key);
    }
}

package vn.commune.telemetry.simulator.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where the broker is: {@code tcp://host:port} or {@code mqtt://host:port} (plain, default port 1883),
 * {@code ssl://} or {@code mqtts://} (TLS with the JVM's trust store or the CA certificates of a PEM file, default
 * port 8883).
 *
 * @param host   host name or address
 * @param port   TCP port
 * @param tls    whether to use TLS
 * @param caFile the PEM CA certificate(s) to trust instead of the JVM's trust store, or null
 * @param trust  what {@code caFile} says, or null for the JVM's trust store
 */
public record BrokerAddress(String host, int port, boolean tls, Path caFile, TrustManagerFactory trust) {

    /**
     * Parses a broker URL (TLS trusting the JVM's trust store).
     *
     * @throws IllegalArgumentException when it is not one of the forms above
     */
    public static BrokerAddress parse(String url) {
        return parse(url, null);
    }

    /**
     * Parses a broker URL; for TLS, trusting the CA certificates of {@code caFile} when it is not null.
     *
     * @throws IllegalArgumentException when it is not one of the forms above, or the CA file is set for a plain URL,
     *                                  cannot be read or holds no certificate
     */
    public static BrokerAddress parse(String url, Path caFile) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts" -> true;
            default -> throw new IllegalArgumentException("broker URL '" + url
                    + "' must start with tcp://, mqtt://, ssl:// or mqtts://");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL '" + url + "' has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        if (caFile != null && !tls) {
            throw new IllegalArgumentException("--ca-file is for a TLS broker (ssl:// or mqtts://), not '" + url + "'");
        }
        return new BrokerAddress(uri.getHost(), port, tls, caFile, caFile == null ? null : trust(caFile));
    }

    private static TrustManagerFactory trust(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("CA file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException e) {
            throw new IllegalArgumentException("CA file " + caFile + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + caFile + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }
}

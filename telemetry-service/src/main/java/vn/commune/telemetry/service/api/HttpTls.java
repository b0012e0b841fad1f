package vn.commune.telemetry.service.api;

import java.nio.file.Path;

/**
 * HTTPS for the API and the dashboard: the server's certificate chain and private key, PEM, read and checked at
 * start-up ({@code http.tls.cert-file}/{@code HTTP_TLS_CERT}, {@code http.tls.key-file}/{@code HTTP_TLS_KEY}).
 * Served with TLS 1.2 and 1.3 only, and {@code Strict-Transport-Security} on every answer.
 *
 * @param certFile the certificate chain's file (the server's certificate first)
 * @param keyFile  the private key's file
 * @param certPem  its content
 * @param keyPem   its content
 */
public record HttpTls(Path certFile, Path keyFile, byte[] certPem, byte[] keyPem) {

    /** TLS versions the server accepts. */
    public static final java.util.Set<String> PROTOCOLS = java.util.Set.of("TLSv1.2", "TLSv1.3");

    /** {@code Strict-Transport-Security}: one year (browsers then refuse plain HTTP to this host for that long). */
    public static final String HSTS = "max-age=31536000";

    @Override
    public String toString() {
        return "HttpTls[certFile=" + certFile + ", keyFile=" + keyFile + "]";
    }
}

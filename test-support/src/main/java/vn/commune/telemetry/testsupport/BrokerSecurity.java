package vn.commune.telemetry.testsupport;

import java.nio.file.Path;

/**
 * What a secured test broker adds to the project's broker settings: a Mosquitto password file and ACL file (anonymous
 * access then off), and a second listener with TLS. Each part is optional.
 *
 * @param passwordFile Mosquitto password file ({@code user:$7$…} lines), or null for anonymous access
 * @param aclFile      Mosquitto ACL file, or null for none (only with a password file)
 * @param tls          the TLS listener's PEM files, or null for no TLS listener
 */
public record BrokerSecurity(Path passwordFile, Path aclFile, Tls tls) {

    /**
     * PEM files of a TLS listener.
     *
     * @param caFile   CA certificate(s) the broker trusts for client certificates (also what clients should trust)
     * @param certFile the broker's certificate chain
     * @param keyFile  the broker's private key
     */
    public record Tls(Path caFile, Path certFile, Path keyFile) {
    }

    public BrokerSecurity {
        if (aclFile != null && passwordFile == null) {
            throw new IllegalArgumentException("an ACL file needs a password file");
        }
    }

    /** Password and ACL files, no TLS. */
    public static BrokerSecurity accounts(Path passwordFile, Path aclFile) {
        return new BrokerSecurity(passwordFile, aclFile, null);
    }

    /** A TLS listener beside the plain one, anonymous access. */
    public static BrokerSecurity tls(Path caFile, Path certFile, Path keyFile) {
        return new BrokerSecurity(null, null, new Tls(caFile, certFile, keyFile));
    }

    /** The same with a TLS listener. */
    public BrokerSecurity withTls(Path caFile, Path certFile, Path keyFile) {
        return new BrokerSecurity(passwordFile, aclFile, new Tls(caFile, certFile, keyFile));
    }

    /** The configuration lines these add, with the files at the given paths (as the broker sees them). */
    String configLines(String host, int tlsPort, String passwordPath, String aclPath, String caPath, String certPath,
            String keyPath) {
        StringBuilder conf = new StringBuilder();
        if (passwordFile != null) {
            conf.append("password_file ").append(passwordPath).append('\n');
            if (aclFile != null) {
                conf.append("acl_file ").append(aclPath).append('\n');
            }
        }
        if (tls != null) {
            conf.append("listener ").append(tlsPort).append(host == null ? "" : " " + host).append('\n')
                    .append("cafile ").append(caPath).append('\n')
                    .append("certfile ").append(certPath).append('\n')
                    .append("keyfile ").append(keyPath).append('\n')
                    .append("require_certificate false\n");
        }
        return conf.toString();
    }
}

package vn.commune.telemetry.gateway.forward;

import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Where and as whom the gateway connects to a broker.
 *
 * @param url      {@code tcp://host:port} (or {@code ssl://})
 * @param clientId MQTT client id; the session is persistent, so it must stay the same across restarts
 * @param username null for anonymous
 * @param password null for none
 * @param caFile   the PEM CA certificate(s) trusted for an {@code ssl://} broker, or null for the JVM's trust store
 * @param tls      TLS sockets trusting {@code caFile}, or null (the JVM's default for {@code ssl://})
 */
public record MqttEndpoint(String url, String clientId, String username, String password, Path caFile,
        SSLSocketFactory tls) {

    /** Plain or with the JVM's trust store. */
    public MqttEndpoint(String url, String clientId, String username, String password) {
        this(url, clientId, username, password, null, null);
    }

    /** Sets TLS and credentials on Paho's options; the broker's host name is checked against its certificate. */
    void applyTo(MqttConnectionOptions options) {
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        options.setHttpsHostnameVerificationEnabled(true);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return url + " as " + clientId + (username == null ? "" : " (user " + username + ")")
                + (caFile == null ? "" : " trusting " + caFile);
    }
}

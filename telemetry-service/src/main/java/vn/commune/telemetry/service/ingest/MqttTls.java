package vn.commune.telemetry.service.ingest;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * TLS to the broker ({@code ssl://} or {@code mqtts://}): whom to trust and, optionally, the service's own
 * certificate. The files were read and checked at start-up; the context holds what they said.
 *
 * @param caFile   the CA certificate(s) trusted for the broker ({@code mqtt.tls.ca-file}, {@code MQTT_TLS_CA}), or
 *                 null for the JVM's default trust store (a broker with a certificate from a public CA)
 * @param certFile the service's client certificate ({@code mqtt.tls.cert-file}), or null for none
 * @param keyFile  its private key ({@code mqtt.tls.key-file}), or null
 * @param context  the TLS context built from them
 */
public record MqttTls(Path caFile, Path certFile, Path keyFile, SSLContext context) {

    /** Paho's socket factory: TLS 1.2+ over the buffered sockets. */
    BufferedTlsSocketFactory socketFactory() {
        return new BufferedTlsSocketFactory(context);
    }

    @Override
    public String toString() {
        return "MqttTls[ca=" + (caFile == null ? "JVM default trust store" : caFile)
                + (certFile == null ? "" : ", client certificate " + certFile) + "]";
    }
}

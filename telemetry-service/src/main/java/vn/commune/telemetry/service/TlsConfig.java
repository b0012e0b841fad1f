package vn.commune.telemetry.service;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import vn.commune.telemetry.service.api.HttpTls;
import vn.commune.telemetry.service.config.ConfigException;
import vn.commune.telemetry.service.config.ConfigTree;
import vn.commune.telemetry.service.config.PemFiles;
import vn.commune.telemetry.service.ingest.MqttSettings;
import vn.commune.telemetry.service.ingest.MqttTls;

/**
 * Reads the TLS settings of the HTTP server ({@code http.tls.*}) and of the broker connection ({@code mqtt.tls.*}),
 * with their PEM files, at start-up: half a setting or a bad file is a config error naming the key.
 */
final class TlsConfig {

    static final String HTTP_CERT = "http.tls.cert-file (or HTTP_TLS_CERT)";
    static final String HTTP_KEY = "http.tls.key-file (or HTTP_TLS_KEY)";
    static final String MQTT_CA = "mqtt.tls.ca-file (or MQTT_TLS_CA)";
    static final String MQTT_CERT = "mqtt.tls.cert-file (or MQTT_TLS_CERT)";
    static final String MQTT_KEY = "mqtt.tls.key-file (or MQTT_TLS_KEY)";

    private TlsConfig() {
    }

    /** HTTPS, or null when neither file is set. */
    static HttpTls http(ConfigTree t) throws ConfigException {
        Path cert = optionalPath(t, "http.tls.cert-file", "HTTP_TLS_CERT");
        Path key = optionalPath(t, "http.tls.key-file", "HTTP_TLS_KEY");
        if (cert == null && key == null) {
            return null;
        }
        requirePair(cert, key, HTTP_CERT, HTTP_KEY);
        List<X509Certificate> chain = PemFiles.certificates(cert, HTTP_CERT);
        PrivateKey privateKey = PemFiles.privateKey(key, HTTP_KEY);
        PemFiles.requireMatch(privateKey, chain.get(0), HTTP_KEY);
        return new HttpTls(cert, key, PemFiles.read(cert, HTTP_CERT), PemFiles.read(key, HTTP_KEY));
    }

    /** TLS to the broker for an {@code ssl://}/{@code mqtts://} URL, else null (and then no TLS setting allowed). */
    static MqttTls mqtt(ConfigTree t, String url) throws ConfigException {
        Path ca = optionalPath(t, "mqtt.tls.ca-file", "MQTT_TLS_CA");
        Path cert = optionalPath(t, "mqtt.tls.cert-file", "MQTT_TLS_CERT");
        Path key = optionalPath(t, "mqtt.tls.key-file", "MQTT_TLS_KEY");
        if (!MqttSettings.isTls(url)) {
            if (ca != null || cert != null || key != null) {
                throw new ConfigException(ca != null ? MQTT_CA : cert != null ? MQTT_CERT : MQTT_KEY,
                        "is set but mqtt.url is " + url + ": use ssl://host:8883 (or mqtts://) for TLS");
            }
            return null;
        }
        if (cert != null || key != null) {
            requirePair(cert, key, MQTT_CERT, MQTT_KEY);
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (ca == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore store = emptyStore();
                int i = 0;
                for (X509Certificate certificate : PemFiles.certificates(ca, MQTT_CA)) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (cert != null) {
                List<X509Certificate> chain = PemFiles.certificates(cert, MQTT_CERT);
                PrivateKey privateKey = PemFiles.privateKey(key, MQTT_KEY);
                PemFiles.requireMatch(privateKey, chain.get(0), MQTT_KEY);
                KeyStore store = emptyStore();
                char[] password = new char[0];
                store.setKeyEntry("client", privateKey, password, chain.toArray(new X509Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new MqttTls(ca, cert, key, context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(ca != null ? MQTT_CA : "mqtt.url", "cannot set up TLS: " + e.getMessage());
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static void requirePair(Path cert, Path key, String certName, String keyName) throws ConfigException {
        if (cert == null) {
            throw new ConfigException(certName, "is required with " + keyName + ": the certificate of that key");
        }
        if (key == null) {
            throw new ConfigException(keyName, "is required with " + certName + ": the private key of that "
                    + "certificate");
        }
    }

    private static Path optionalPath(ConfigTree t, String key, String envVar) throws ConfigException {
        String value = t.string(key, envVar, null);
        return value == null ? null : t.path(key, envVar, null);
    }
}

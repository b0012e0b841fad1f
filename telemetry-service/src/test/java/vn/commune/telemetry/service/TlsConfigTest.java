package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.config.ConfigException;
import vn.commune.telemetry.testsupport.PilotCerts;

/** The TLS settings of the HTTP server and of the broker connection, with certificates from pilot-certs.sh. */
class TlsConfigTest {

    @TempDir
    static Path certs;

    private static PilotCerts pilot;
    private static PilotCerts other;

    @BeforeAll
    static void makeCertificates() {
        pilot = PilotCerts.make(certs.resolve("pilot"), "127.0.0.1", "localhost");
        other = PilotCerts.make(certs.resolve("other"), "127.0.0.1");
    }

    private static ServiceConfig load(String... pairs) throws ConfigException {
        Map<String, String> env = new HashMap<>(Map.of("API_TOKEN", "0123456789abcdef"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ConfigLoader.load(null, env);
    }

    /** Verifies that the pair turns HTTPS on, with Secure cookies by default, and that plain HTTP keeps them off. */
    @Test
    void httpsWithTheScriptsPair() throws Exception {
        ServiceConfig https = load("HTTP_TLS_CERT", pilot.cert().toString(), "HTTP_TLS_KEY", pilot.key().toString());
        assertThat(https.http().tls()).isNotNull();
        assertThat(https.http().tls().certFile()).isEqualTo(pilot.cert());
        assertThat(new String(https.http().tls().certPem(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(https.http().secureCookies()).isTrue();
        assertThat(https.http().toString()).doesNotContain("PRIVATE KEY");

        ServiceConfig optedOut = load("HTTP_TLS_CERT", pilot.cert().toString(), "HTTP_TLS_KEY",
                pilot.key().toString(), "HTTP_SECURE_COOKIES", "false");
        assertThat(optedOut.http().secureCookies()).isFalse();

        ServiceConfig plain = load();
        assertThat(plain.http().tls()).isNull();
        assertThat(plain.http().secureCookies()).isFalse();
    }

    /** Verifies that half a pair, or a missing, garbled or foreign file, is a one-line error naming the key. */
    @Test
    void halfConfiguredHttpsIsAConfigError() throws Exception {
        Path garbage = Files.writeString(certs.resolve("garbage.pem"), "not a certificate\n");
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", pilot.cert().toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.tls.key-file (or HTTP_TLS_KEY): is required with http.tls.cert-file");
        assertThatThrownBy(() -> load("HTTP_TLS_KEY", pilot.key().toString()))
                .hasMessageStartingWith("http.tls.cert-file (or HTTP_TLS_CERT): is required with http.tls.key-file");
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", certs.resolve("nowhere.pem").toString(), "HTTP_TLS_KEY",
                pilot.key().toString()))
                .hasMessage("http.tls.cert-file (or HTTP_TLS_CERT): no such file: " + certs.resolve("nowhere.pem"));
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", garbage.toString(), "HTTP_TLS_KEY", pilot.key().toString()))
                .hasMessageContaining("http.tls.cert-file (or HTTP_TLS_CERT): ")
                .hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", pilot.cert().toString(), "HTTP_TLS_KEY", garbage.toString()))
                .hasMessageContaining("http.tls.key-file (or HTTP_TLS_KEY): ").hasMessageContaining("private key");
        // the certificate of one pair with the key of another
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", pilot.cert().toString(), "HTTP_TLS_KEY",
                other.key().toString()))
                .hasMessageStartingWith("http.tls.key-file (or HTTP_TLS_KEY): the private key does not belong to");
        // a key in the older PKCS#1 form: told how to convert it
        Path pkcs1 = certs.resolve("rsa1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> load("HTTP_TLS_CERT", pilot.cert().toString(), "HTTP_TLS_KEY", pkcs1.toString()))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    /** Verifies the broker's TLS settings: a CA for ssl:// and mqtts://, refused with tcp://, client pair whole. */
    @Test
    void mqttTlsSettings() throws Exception {
        ServiceConfig ssl = load("MQTT_URL", "ssl://broker.example:8883", "MQTT_TLS_CA", pilot.ca().toString());
        assertThat(ssl.mqtt().tls().caFile()).isEqualTo(pilot.ca());
        assertThat(ssl.mqtt().tls().context().getProtocol()).isEqualTo("TLS");
        assertThat(ssl.mqtt().pahoUrl()).isEqualTo("ssl://broker.example:8883");

        ServiceConfig mqtts = load("MQTT_URL", "mqtts://broker.example");
        assertThat(mqtts.mqtt().tls().caFile()).as("the JVM's trust store").isNull();
        assertThat(mqtts.mqtt().pahoUrl()).isEqualTo("ssl://broker.example:8883");
        assertThat(load("MQTT_URL", "mqtt://broker.example").mqtt().pahoUrl()).isEqualTo("tcp://broker.example:1883");
        assertThat(load().mqtt().tls()).isNull();

        ServiceConfig client = load("MQTT_URL", "ssl://b:8883", "MQTT_TLS_CA", pilot.ca().toString(),
                "MQTT_TLS_CERT", pilot.cert().toString(), "MQTT_TLS_KEY", pilot.key().toString());
        assertThat(client.mqtt().tls().certFile()).isEqualTo(pilot.cert());

        assertThatThrownBy(() -> load("MQTT_URL", "tcp://b:1883", "MQTT_TLS_CA", pilot.ca().toString()))
                .hasMessage("mqtt.tls.ca-file (or MQTT_TLS_CA): is set but mqtt.url is tcp://b:1883: use "
                        + "ssl://host:8883 (or mqtts://) for TLS");
        assertThatThrownBy(() -> load("MQTT_URL", "ssl://b:8883", "MQTT_TLS_CERT", pilot.cert().toString()))
                .hasMessageStartingWith("mqtt.tls.key-file (or MQTT_TLS_KEY): is required");
        assertThatThrownBy(() -> load("MQTT_URL", "ssl://b:8883", "MQTT_TLS_CA", pilot.key().toString()))
                .hasMessageContaining("mqtt.tls.ca-file (or MQTT_TLS_CA): ").hasMessageContaining("no PEM certificate");
    }

    /** Verifies that the service refuses to start on half a TLS setting: exit code 2 and one line, no stack trace. */
    @Test
    void mainStopsWithOneLine() throws Exception {
        Path empty = Files.writeString(certs.resolve("service.yaml"), "");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[] {empty.toString()}, Map.of("API_TOKEN", "0123456789abcdef",
                    "HTTP_TLS_CERT", pilot.cert().toString()));
        } finally {
            System.setErr(err);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(output.strip()).isEqualTo("config error: http.tls.key-file (or HTTP_TLS_KEY): is required with "
                + "http.tls.cert-file (or HTTP_TLS_CERT): the private key of that certificate");
    }
}

package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.config.ConfigException;

class ConfigLoaderTest {

    private static final Map<String, String> TOKEN = Map.of("API_TOKEN", "0123456789abcdef");

    @TempDir
    Path tmp;

    private Path file(String yaml) throws Exception {
        Path file = tmp.resolve("service.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Verifies the defaults when only the token is given. */
    @Test
    void defaultsNeedOnlyTheToken() throws Exception {
        ServiceConfig config = ConfigLoader.load(null, TOKEN);
        assertThat(config.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.mqtt().subscription()).isEqualTo("$share/telemetry/tele/#");
        assertThat(config.mqtt().maxInFlight()).isEqualTo(8_000);
        assertThat(config.mqtt().receiveMaximum()).isEqualTo(10_000);
        assertThat(config.storage().influxUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(config.storage().retention()).isEqualTo(Duration.ofDays(400));
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.inventory()).isEqualTo(Path.of("config/inventory.yaml"));
        assertThat(config.storage().spoolDir()).isEqualTo(Path.of("var", "spool"));
    }

    /** Verifies that the environment wins over the file for every connection setting. */
    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = file("mqtt:\n  url: tcp://file:1883\n  username: file-user\ninflux:\n  url: http://file:8086\n"
                + "  database: filedb\nhttp:\n  port: 9000\n  api-token: file-token-0123456789\n");
        Map<String, String> env = Map.of("MQTT_URL", "ssl://env:8883", "MQTT_USERNAME", "env-user",
                "MQTT_PASSWORD", "secret", "INFLUX_URL", "https://env:8086", "INFLUX_DB", "envdb",
                "INFLUX_TOKEN", "tok", "HTTP_PORT", "9100", "DATA_DIR", "/srv/ct", "INVENTORY", "/etc/ct/inv.yaml",
                "API_TOKEN", "env-token-0123456789");
        ServiceConfig config = ConfigLoader.load(file, env);
        assertThat(config.mqtt().url()).isEqualTo("ssl://env:8883");
        assertThat(config.mqtt().username()).isEqualTo("env-user");
        assertThat(config.mqtt().password()).isEqualTo("secret");
        assertThat(config.storage().influxUrl()).isEqualTo("https://env:8086");
        assertThat(config.storage().database()).isEqualTo("envdb");
        assertThat(config.storage().token()).isEqualTo("tok");
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.http().apiToken()).isEqualTo("env-token-0123456789");
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/ct"));
        assertThat(config.inventory()).isEqualTo(Path.of("/etc/ct/inv.yaml"));
        assertThat(config.toString()).doesNotContain("secret").doesNotContain("env-token");
    }

    /** Verifies that each kind of bad setting is refused with a message naming the key. */
    @Test
    void badSettingsNameTheirKey() throws Exception {
        assertError("influx:\n  url: ftp://x\n", "influx.url (or INFLUX_URL): must start with http://, https://");
        assertError("influx:\n  batch-size: lots\n", "influx.batch-size: must be a whole number, got 'lots'");
        assertError("influx:\n  batch-size: 0\n", "influx.batch-size: must be between 1 and 1000000, got 0");
        assertError("influx:\n  linger: 200ms\n", "influx.linger: must be an ISO-8601 duration");
        assertError("mqtt:\n  url: tcp://\n", "mqtt.url (or MQTT_URL): is not a valid URL");
        assertError("mqtt:\n  url: tcp:relative\n", "mqtt.url (or MQTT_URL): has no host");
        assertError("mqtt:\n  shared-group: a/b\n", "mqtt.shared-group: letters, digits");
        assertError("influx:\n  databse: x\n", "influx.databse: unknown setting");
        assertError("http:\n  port: 70000\n", "http.port (or HTTP_PORT): must be between 0 and 65535");
        assertError("mqtt: [1, 2\n", "not valid YAML");
        assertError("- a\n- b\n", "must be a YAML mapping");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.api-token (or API_TOKEN): is required");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("API_TOKEN", "short")))
                .hasMessage("http.api-token (or API_TOKEN): must be at least 16 characters");
        assertThatThrownBy(() -> ConfigLoader.load(tmp.resolve("missing.yaml"), TOKEN))
                .hasMessageEndingWith("missing.yaml: no such config file");
    }

    private void assertError(String yaml, String expected) throws Exception {
        Path file = file(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file, TOKEN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

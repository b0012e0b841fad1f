package vn.commune.telemetry.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.gateway.probe.ProbeType;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Uplink;
import vn.commune.telemetry.testsupport.PilotCerts;

class ConfigReaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Verifies that a full config is read, and that the sample inventory gives the commune and its devices. */
    @Test
    void readsAFullConfigWithTheSampleInventory() throws Exception {
        Path file = write("""
                gateway-id: gw-pho-lu
                uplink: adsl
                inventory: ../config/inventory.yaml
                local:
                  url: tcp://127.0.0.1:1884
                district:
                  url: tcp://10.0.0.1:1883
                  rate-limit: 20000
                spool:
                  dir: /var/lib/gw
                  max-bytes: 1048576
                  commit-interval: PT0.05S
                probes:
                  - device: cam-old-1
                    kind: camera
                    type: rtsp
                    target: 192.168.1.20:554
                    interval: PT30S
                  - device: ap-old-1
                    kind: wifi
                    type: http
                    target: http://192.168.1.30/status
                    json-field: state
                    json-equals: ok
                """);
        GatewayConfig config = ConfigReader.read(file, Map.of());
        assertThat(config.gatewayId()).isEqualTo("gw-pho-lu");
        assertThat(config.uplink()).isEqualTo(Uplink.ADSL);
        assertThat(config.commune()).isEqualTo("pho-lu");
        assertThat(config.commandDevices()).contains("ls-pho-lu-to-dan-pho-so-1").doesNotContain("gw-pho-lu");
        assertThat(config.district().bytesPerSecond()).isEqualTo(20000);
        assertThat(config.spool().maxBytes()).isEqualTo(1048576);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.probes()).hasSize(2);
        assertThat(config.probes().get(0).type()).isEqualTo(ProbeType.RTSP);
        assertThat(config.probes().get(1).kind()).isEqualTo(DeviceKind.WIFI);
    }

    /** Verifies that the environment overrides connection settings. */
    @Test
    void environmentOverridesConnections() throws Exception {
        Path file = write("gateway-id: gw-x\ndistrict:\n  url: tcp://127.0.0.1:1\n");
        GatewayConfig config = ConfigReader.read(file, Map.of("DISTRICT_MQTT_URL", "tcp://127.0.0.1:2",
                "SPOOL_DIR", "/tmp/s", "GATEWAY_HTTP_PORT", "0"));
        assertThat(config.district().endpoint().url()).isEqualTo("tcp://127.0.0.1:2");
        assertThat(config.spool().dir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(config.httpPort()).isZero();
    }

    /** Verifies that bad settings are refused with file:line: path: reason. */
    @Test
    void badSettingsNameFileLineAndPath() throws Exception {
        String base = "gateway-id: gw-x\ndistrict:\n  url: tcp://127.0.0.1:1\n";
        assertThatThrownBy(() -> ConfigReader.read(write(base + "spool:\n  commit-interval: PT1S\n"), Map.of()))
                .hasMessage(dir.resolve("gateway.yaml") + ":5: spool.commit-interval: at most PT0.2S"
                        + " (messages wait that long for their acknowledgement)");
        assertThatThrownBy(() -> ConfigReader.read(write(base + "uplink: 5g\n"), Map.of()))
                .hasMessageContaining(":4: uplink: '5g' is not 4g, fiber or adsl");
        assertThatThrownBy(() -> ConfigReader.read(write(base + "probes:\n  - device: c1\n    kind: camera\n"
                + "    type: rtsp\n    target: nohost\n"), Map.of()))
                .hasMessageContaining(":8: probes[0].target: must be host:port");
        assertThatThrownBy(() -> ConfigReader.read(write(base + "spool:\n  max-byte: 5\n"), Map.of()))
                .hasMessageContaining(":5: spool.max-byte: unknown key (did you mean 'max-bytes'?)");
        assertThatThrownBy(() -> ConfigReader.read(write("gateway-id: gw-x\n"), Map.of()))
                .hasMessageContaining("district.url: missing (or set DISTRICT_MQTT_URL)");
        assertThatThrownBy(() -> ConfigReader.read(write(base + "status-interval: 30s\n"), Map.of()))
                .hasMessageContaining(":4: status-interval: '30s' is not an ISO-8601 duration");
    }

    /** Verifies the district broker's CA file: read for ssl://, refused with tcp://, and unreadable or bad named. */
    @Test
    void districtCaFile() throws Exception {
        PilotCerts certs = PilotCerts.make(dir.resolve("certs"), "district.example");
        GatewayConfig config = ConfigReader.read(write("gateway-id: gw-x\ndistrict:\n"
                + "  url: ssl://district.example:8883\n  ca-file: " + certs.ca() + "\n"), Map.of());
        assertThat(config.district().endpoint().caFile()).isEqualTo(certs.ca());
        assertThat(config.district().endpoint().tls()).isNotNull();
        GatewayConfig fromEnv = ConfigReader.read(write("gateway-id: gw-x\ndistrict:\n  url: ssl://d:8883\n"),
                Map.of("DISTRICT_MQTT_CA", certs.ca().toString()));
        assertThat(fromEnv.district().endpoint().caFile()).isEqualTo(certs.ca());

        assertThatThrownBy(() -> ConfigReader.read(write("gateway-id: gw-x\ndistrict:\n  url: tcp://d:1883\n"
                + "  ca-file: " + certs.ca() + "\n"), Map.of()))
                .hasMessageContaining(":4: district.ca-file: set, but district.url 'tcp://d:1883' is not ssl://");
        assertThatThrownBy(() -> ConfigReader.read(write("gateway-id: gw-x\ndistrict:\n  url: ssl://d:8883\n"
                + "  ca-file: " + dir.resolve("none.pem") + "\n"), Map.of()))
                .hasMessageContaining(":4: district.ca-file: cannot read " + dir.resolve("none.pem"));
        assertThatThrownBy(() -> ConfigReader.read(write("gateway-id: gw-x\ndistrict:\n  url: ssl://d:8883\n"
                + "  ca-file: " + certs.key() + "\n"), Map.of()))
                .hasMessageContaining(":4: district.ca-file: " + certs.key() + " is not a PEM CA certificate");
    }
}

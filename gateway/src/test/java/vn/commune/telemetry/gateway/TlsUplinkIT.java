package vn.commune.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.gateway.config.ConfigReader;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.PilotCerts;
import vn.commune.telemetry.testsupport.TestServers;

/** The uplink to the district broker over TLS, trusting the pilot CA of config/tls/pilot-certs.sh, and no other. */
class TlsUplinkIT {

    @TempDir
    Path dir;
    private MqttBroker local;
    private MqttBroker district;
    private PilotCerts pilot;

    @BeforeEach
    void brokers() {
        pilot = PilotCerts.make(dir.resolve("pilot"), "127.0.0.1");
        local = TestServers.newBroker();
        district = TestServers.newSecuredBroker(pilot.brokerTls());
    }

    @AfterEach
    void stopBrokers() {
        local.close();
        district.close();
    }

    /** Verifies that a device's message goes up over the TLS uplink when the gateway trusts the pilot CA. */
    @Test
    void forwardsOverTls() throws Exception {
        try (Collector up = new Collector(district.url(), "collector", "tele/#");
                Gateway gateway = new Gateway(ConfigReader.read(config("gw-tls", pilot.ca()), Map.of())).start();
                MqttTestClient device = MqttTestClient.connect(local.url(), "ls-1")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.metrics().isUplinkConnected()
                    && gateway.metrics().isLocalConnected());
            String status = "{\"v\":1,\"ts\":" + System.currentTimeMillis() + ",\"kind\":\"loudspeaker\"}";
            device.publish("tele/ls-1/status", status);
            device.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> up.on("tele/ls-1/status").size() == 1);
            assertThat(up.on("tele/ls-1/status").get(0).text()).isEqualTo(status);
        }
    }

    /** Verifies that the gateway trusting another CA never connects its uplink (and keeps the message). */
    @Test
    void refusesABrokerOfAnotherCa() throws Exception {
        PilotCerts stranger = PilotCerts.make(dir.resolve("stranger"), "127.0.0.1");
        try (Gateway gateway = new Gateway(ConfigReader.read(config("gw-stranger", stranger.ca()), Map.of()))
                .start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.metrics().isLocalConnected());
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> !gateway.metrics().isUplinkConnected());
        }
    }

    private Path config(String gatewayId, Path ca) throws IOException {
        Path file = dir.resolve(gatewayId + ".yaml");
        Files.writeString(file, "gateway-id: " + gatewayId + "\n"
                + "devices: [ls-1]\ncommune: xa-test\n"
                + "local:\n  url: " + local.url() + "\n"
                + "district:\n  url: " + district.tlsUrl() + "\n  ca-file: " + ca + "\n"
                + "  reconnect-min: PT0.5S\n  reconnect-max: PT1S\n"
                + "http:\n  port: " + FreePorts.next() + "\n"
                + "spool:\n  dir: " + dir.resolve(gatewayId + "-spool") + "\n");
        return file;
    }
}

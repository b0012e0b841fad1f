package vn.commune.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.PilotCerts;
import vn.commune.telemetry.testsupport.TestServers;

/** The simulator against a TLS broker: --ca-file trusts the pilot CA of config/tls/pilot-certs.sh; without it, no. */
class TlsBrokerIT {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimulatorCli cli = new SimulatorCli(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /** Verifies that the devices publish over TLS with --ca-file, and that the run fails without it. */
    @Test
    void publishesOverTlsTrustingTheCaFile() throws Exception {
        PilotCerts pilot = PilotCerts.make(dir, "127.0.0.1");
        try (MqttBroker broker = TestServers.newSecuredBroker(pilot.brokerTls());
                MqttTestClient watcher = MqttTestClient.connect(broker.url(), "watcher")) {
            watcher.subscribe("tele/#");
            int status = cli.run("--broker", broker.tlsUrl(), "--ca-file", pilot.ca().toString(), "--inventory",
                    fleet(), "--duration", "PT10M", "--speed", "max", "--report-every", "PT1H");
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(SimulatorCli.OK);
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher.received().stream()
                    .anyMatch(m -> m.topic().endsWith("/status")));

            err.reset();
            int refused = cli.run("--broker", broker.tlsUrl(), "--inventory", fleet(), "--duration", "PT10M",
                    "--speed", "max", "--report-every", "PT1H");
            assertThat(refused).isEqualTo(SimulatorCli.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("simulator: ");
        }
    }

    private static String fleet() {
        try {
            return Path.of(TlsBrokerIT.class.getResource("/small-fleet.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

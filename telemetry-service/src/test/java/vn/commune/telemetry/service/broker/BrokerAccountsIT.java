package vn.commune.telemetry.service.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.BrokerSecurity;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;

/** The files broker-accounts writes, in a real Mosquitto: who may connect, publish and receive what. */
class BrokerAccountsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int NOT_AUTHORISED = 135;

    @TempDir
    Path dir;
    private Path inventory;
    private MqttBroker broker;
    private Map<String, String> passwords;

    @BeforeEach
    void brokerWithGeneratedAccounts() throws Exception {
        inventory = SmallFleet.write(SmallFleet.inventory(), dir.resolve("inventory.yaml"));
        generate();
        passwords = CredentialsFile.read(dir.resolve("broker/credentials"));
        broker = TestServers.newSecuredBroker(BrokerSecurity.accounts(dir.resolve("broker/passwd"),
                dir.resolve("broker/acl")));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private void generate() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BrokerAccountsCommand(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)).run(new String[] {"--inventory", inventory.toString(), "--dir",
                    dir.resolve("broker").toString()});
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private AuthClient login(String username) throws MqttException {
        return AuthClient.connect(broker.url(), username + "-" + System.nanoTime(), username, passwords.get(username));
    }

    /** Verifies that anonymous clients, unknown users and wrong passwords are refused. */
    @Test
    void onlyKnownAccountsWithTheirPasswordConnect() throws Exception {
        assertThatThrownBy(() -> AuthClient.connect(broker.url(), "anon", null, null))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> AuthClient.connect(broker.url(), "ls-a1", "ls-a1", passwords.get("ls-a2")))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> AuthClient.connect(broker.url(), "x", "nobody", passwords.get("ls-a1")))
                .isInstanceOf(MqttException.class);
        try (AuthClient device = login("ls-a1")) {
            assertThat(device).isNotNull();
        }
    }

    /**
     * Verifies that a device's telemetry reaches the service through its shared subscription, that what the device
     * publishes on another device's topic never does, and that another device reads none of it.
     */
    @Test
    void deviceWritesOnlyItsOwnTelemetry() throws Exception {
        try (AuthClient service = login("telemetry-service"); AuthClient device = login("ls-a2");
                AuthClient curious = login("ls-b1")) {
            assertThat(service.subscribe("$share/telemetry/tele/#")).isLessThan(0x80);
            curious.subscribe("tele/#");
            curious.subscribe("cmd/ls-b1/#");

            assertThat(device.publish("tele/ls-a2/status", "own")).isZero();
            assertThat(device.publish("tele/ls-b1/status", "forged")).isEqualTo(NOT_AUTHORISED);
            assertThat(device.publish("tele/ls-a2/event", "after")).isZero();

            // in order from one client: once "after" is in, "forged" would have been before it
            await().atMost(WAIT).until(() -> service.received().contains("tele/ls-a2/event after"));
            assertThat(service.received()).containsExactly("tele/ls-a2/status own", "tele/ls-a2/event after");
            // the curious device gets its own command, sent after all that, and nothing of the telemetry
            assertThat(service.publish("cmd/ls-b1/reboot", "barrier")).isZero();
            await().atMost(WAIT).until(() -> curious.received().contains("cmd/ls-b1/reboot barrier"));
            assertThat(curious.received()).containsExactly("cmd/ls-b1/reboot barrier");
        }
    }

    /**
     * Verifies that a device receives its own commands and its commune's schedule, never another device's or another
     * commune's, and that the service may write all of them.
     */
    @Test
    void deviceReadsOnlyItsCommandsAndCommune() throws Exception {
        try (AuthClient service = login("telemetry-service"); AuthClient device = login("ls-a2")) {
            device.subscribe("cmd/ls-a2/#");
            device.subscribe("cmd/commune/xa-a/#");
            device.subscribe("cmd/ls-b1/#");
            device.subscribe("cmd/commune/xa-b/#");

            assertThat(service.publish("cmd/ls-b1/reboot", "other-device")).isZero();
            assertThat(service.publish("cmd/commune/xa-b/schedule", "other-commune")).isZero();
            assertThat(service.publish("cmd/ls-a2/reboot", "mine")).isZero();
            assertThat(service.publish("cmd/commune/xa-a/schedule", "my-commune")).isZero();
            assertThat(service.publish("cmd/ls-a2/volume", "last")).isZero();

            await().atMost(WAIT).until(() -> device.received().contains("cmd/ls-a2/volume last"));
            assertThat(device.received()).containsExactly("cmd/ls-a2/reboot mine",
                    "cmd/commune/xa-a/schedule my-commune", "cmd/ls-a2/volume last");
        }
    }

    /**
     * Verifies that a gateway publishes for the devices behind it and for itself, never for a device of another
     * commune, and reads its devices' commands.
     */
    @Test
    void gatewaySpeaksOnlyForItsDevices() throws Exception {
        try (AuthClient service = login("telemetry-service"); AuthClient gateway = login("gw-a")) {
            service.subscribe("$share/telemetry/tele/#");
            gateway.subscribe("cmd/ls-a1/+");
            gateway.subscribe("cmd/commune/xa-a/+");

            assertThat(gateway.publish("tele/ls-a1/status", "behind")).isZero();
            assertThat(gateway.publish("tele/ls-b2/status", "other-commune")).isEqualTo(NOT_AUTHORISED);
            assertThat(gateway.publish("tele/ls-a2/status", "same-commune-not-behind")).isEqualTo(NOT_AUTHORISED);
            assertThat(gateway.publish("tele/gw-a/status", "itself")).isZero();
            assertThat(service.publish("cmd/ls-a1/reboot", "down")).isZero();

            await().atMost(WAIT).until(() -> service.received().contains("tele/gw-a/status itself")
                    && gateway.received().contains("cmd/ls-a1/reboot down"));
            assertThat(service.received()).containsExactly("tele/ls-a1/status behind", "tele/gw-a/status itself");
        }
    }

    /**
     * Verifies that after a device leaves the inventory, a new run and a reload refuse it, while every other account
     * still connects with its original password from a line left as it was.
     */
    @Test
    void removedDeviceIsRefusedAfterReloadOthersUnchanged() throws Exception {
        List<String> before = Files.readAllLines(dir.resolve("broker/passwd"));
        login("ls-b1").close();

        SmallFleet.write(SmallFleet.without(Set.of("ls-b1")), inventory);
        generate();
        broker.reload();

        await().atMost(WAIT).ignoreExceptions().until(() -> {
            try (AuthClient refused = login("ls-b1")) {
                return false;
            } catch (MqttException e) {
                return true;
            }
        });
        assertThat(Files.readAllLines(dir.resolve("broker/passwd")))
                .isEqualTo(before.stream().filter(l -> !l.startsWith("ls-b1:")).toList());
        for (String username : List.of("telemetry-service", "gw-a", "gw-b", "ls-a1", "wifi-a1", "ls-a2", "ls-b2")) {
            try (AuthClient client = login(username)) {
                assertThat(client).as(username).isNotNull();
            }
        }
    }
}

package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Retained state messages are read once per subscription, not on every restart: the service subscribes with MQTT 5
 * Retain Handling 1 ("only when the subscription is new"), so a restart resuming its persistent session does not
 * read every device's retained state again (a country's restart re-read 100,151 of them).
 */
@ExtendWith(TestServersExtension.class)
class RetainedStatesIT {

    private static final String ACCEPTED = "ct_ingest_messages_accepted_total";

    /** Verifies that a fresh deployment gets every retained state, and a restart with its session gets none again. */
    @Test
    void retainedStatesOnceNotOnRestart(MqttBroker broker, InfluxDb influx, @TempDir Path tmp) throws Exception {
        List<String> devices = Payloads.loudspeakers(ServiceHarness.sampleInventory()).subList(0, 20);
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), "retained-" + System.nanoTime())) {
            try {
                // Given 20 devices whose retained "online" the broker holds before the service ever subscribed
                long ts = System.currentTimeMillis() - 60_000;
                for (String device : devices) {
                    publisher.publish("tele/" + device + "/state", ("{\"v\":1,\"state\":\"online\",\"ts\":" + ts + "}")
                            .getBytes(StandardCharsets.UTF_8), 1, true);
                }
                publisher.flush();
                try (ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady()) {
                    // When the service subscribes for the first time, Then it gets every retained state
                    // (at least: other tests may have left retained states of these devices too)
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(service.metric(ACCEPTED, "channel=\"state\"")).isGreaterThanOrEqualTo(
                                    devices.size()));
                    service.awaitStateReady();

                    // When it restarts with its persistent session
                    service.stop();
                    service.start().awaitReady();
                    // and a device reports after that (delivered after anything the broker sends on subscribing)
                    publisher.publish("tele/" + devices.get(0) + "/status", Payloads.loudspeaker(
                            System.currentTimeMillis(), 1));
                    publisher.flush();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(service.metric(ACCEPTED, "channel=\"status\"")).isEqualTo(1));

                    // Then no retained state was read again (no state message counted: the series may not exist)
                    double states = service.metric(ACCEPTED, "channel=\"state\"");
                    assertThat(Double.isNaN(states) ? 0 : states).isZero();
                }
            } finally {
                for (String device : devices) {
                    // an empty retained message clears the topic for the other tests on this broker
                    publisher.publish("tele/" + device + "/state", new byte[0], 1, true);
                }
                publisher.flush();
            }
        }
    }
}

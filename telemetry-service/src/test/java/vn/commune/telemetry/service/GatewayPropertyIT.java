package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.service.broker.AuthClient;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The service behind a permissive broker: a message whose MQTT 5 user property {@code gateway} names an unknown
 * gateway, or one its device is not behind, is refused and counted; without the property nothing changes.
 */
@ExtendWith(TestServersExtension.class)
class GatewayPropertyIT {

    private static final String DEVICE = "ls-pho-lu-to-dan-pho-so-";

    /**
     * Verifies that forged gateway properties are refused as wrong_gateway and never stored, while the device's own
     * gateway, the gateway itself and a message without the property are stored.
     */
    @Test
    void forgedGatewayIsRefused(InfluxDb influx, @TempDir Path tmp) throws Exception {
        // its own broker, anonymous: the service must hold even where the broker lets anyone publish anything
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady();
                AuthClient publisher = AuthClient.connect(broker.url(), "pub-" + service.database, null, null)) {
            long now = System.currentTimeMillis();
            // Given the devices behind gw-pho-lu, one per case
            publisher.publish("tele/" + DEVICE + "1/status", Payloads.loudspeaker(now, 1), gateway("gw-pho-lu"));
            publisher.publish("tele/" + DEVICE + "2/status", Payloads.loudspeaker(now, 2), gateway("gw-tang-loong"));
            publisher.publish("tele/" + DEVICE + "3/status", Payloads.loudspeaker(now, 3), gateway("gw-nowhere"));
            publisher.publish("tele/" + DEVICE + "4/status", Payloads.loudspeaker(now, 4), gateway(DEVICE + "4"));
            publisher.publish("tele/" + DEVICE + "5/status", Payloads.loudspeaker(now, 5));
            publisher.publish("tele/" + DEVICE + "6/status", Payloads.loudspeaker(now, 6), gateway("gw-pho-lu"),
                    gateway("gw-tang-loong"));
            publisher.publish("tele/" + DEVICE + "7/status", Payloads.loudspeaker(now, 7),
                    new UserProperty("trace", "abc"), gateway("gw-pho-lu"));
            publisher.publish("tele/gw-pho-lu/state", "{\"v\":1,\"state\":\"online\",\"ts\":" + now + "}",
                    gateway("gw-pho-lu"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(service.metric("ct_ingest_messages_received_total", null)).isEqualTo(8);
                assertThat(service.metric("ct_ingest_pending_acks", null)).isZero();
            });
            assertThat(service.metric("ct_ingest_messages_rejected_total", "reason=\"wrong_gateway\"")).isEqualTo(4);
            for (int i : List.of(1, 5, 7)) {
                assertThat(stored(influx, service.database, "status", DEVICE + i)).as("case %d", i).isEqualTo(1);
            }
            for (int i : List.of(2, 3, 4, 6)) {
                assertThat(stored(influx, service.database, "status", DEVICE + i)).as("case %d", i).isZero();
            }
            assertThat(stored(influx, service.database, "state", "gw-pho-lu")).isEqualTo(1);
        }
    }

    private static UserProperty gateway(String id) {
        return new UserProperty("gateway", id);
    }

    private static long stored(InfluxDb influx, String db, String measurement, String device) {
        return influx.count(db, "SELECT count(v) FROM " + measurement + " WHERE device = '" + device + "'");
    }
}

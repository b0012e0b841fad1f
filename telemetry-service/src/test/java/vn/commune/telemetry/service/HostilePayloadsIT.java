package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.HostileCorpus;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

@ExtendWith(TestServersExtension.class)
class HostilePayloadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Verifies that every case of the hostile corpus, sent through the real broker, is refused with its reason
     * (counted in /metrics, nothing stored) or stored and read back byte for byte, and that the service stays
     * healthy and keeps storing afterwards.
     */
    @Test
    void everyCaseOfTheCorpusEndsAsExpected(InfluxDb influx, @TempDir Path tmp) throws Exception {
        // its own broker: counts must not include other tests' traffic (Mosquitto also hands retained messages to
        // shared subscriptions)
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady();
                MqttTestClient publisher = MqttTestClient.connect(broker.url(), "pub-" + service.database)) {
            List<String> devices = Payloads.loudspeakers(ServiceHarness.sampleInventory());
            long now = System.currentTimeMillis();
            // Given one device per case, so that no two cases share a series
            List<HostileCorpus.Case> cases = new ArrayList<>();
            List<String> caseDevices = new ArrayList<>();
            int count = HostileCorpus.load("x", now).size();
            for (int i = 0; i < count; i++) {
                cases.add(HostileCorpus.load(devices.get(i), now).get(i));
                caseDevices.add(devices.get(i));
            }
            Map<String, Integer> expectedRejections = new TreeMap<>();
            for (HostileCorpus.Case c : cases) {
                if (c.expect() == HostileCorpus.Expect.REJECT) {
                    expectedRejections.merge(c.reason().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }

            // When every case is published at QoS 1
            for (HostileCorpus.Case c : cases) {
                publisher.publish(c.topic(), c.payload(), 1, false);
            }
            publisher.flush();

            // Then each is counted once, and each reason as often as the corpus expects it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(service.metric("ct_ingest_messages_received_total", null)).isEqualTo(cases.size());
                assertThat(service.metric("ct_ingest_pending_acks", null)).isZero();
            });
            for (Map.Entry<String, Integer> reason : expectedRejections.entrySet()) {
                assertThat(service.metric("ct_ingest_messages_rejected_total", "reason=\"" + reason.getKey() + "\""))
                        .as("rejections for %s", reason.getKey())
                        .isEqualTo(reason.getValue().doubleValue());
            }
            for (int i = 0; i < cases.size(); i++) {
                HostileCorpus.Case c = cases.get(i);
                String device = caseDevices.get(i);
                long stored = storedFor(influx, service.database, device);
                switch (c.expect()) {
                    case REJECT -> assertThat(stored).as("stored for rejected case '%s'", c.name()).isZero();
                    case ACCEPT -> {
                        assertThat(stored).as("stored for accepted case '%s'", c.name()).isEqualTo(1);
                        assertStoredVerbatim(influx, service.database, device, c);
                    }
                    default -> assertThat(stored).as("case '%s'", c.name()).isBetween(0L, 1L);
                }
            }
            // No point or tag was injected by a device's strings
            assertThat(influx.rows(service.database, "SHOW TAG VALUES FROM status WITH KEY = device"))
                    .noneMatch(row -> row.get(1).asText().contains("evil"));
            // The unregistered device is listed for staff to register
            assertThat(service.get("/api/v1/devices/unregistered").body()).contains("not-in-inventory-42");

            // And the service is still healthy and storing
            assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
            String last = devices.get(devices.size() - 1);
            publisher.publish("tele/" + last + "/status", Payloads.loudspeaker(now, 7));
            publisher.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> storedFor(influx, service.database, last) == 1);

            // A payload speaking for another device than its topic's is refused by its own reason, never stored
            String spoofer = devices.get(count);
            publisher.publish("tele/" + spoofer + "/status",
                    Payloads.loudspeaker(now, 8).replace("{\"v\":1,", "{\"v\":1,\"device\":\"" + last + "\","));
            publisher.flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    service.metric("ct_ingest_messages_rejected_total", "reason=\"identity_mismatch\""))
                    .isEqualTo(1.0));
            assertThat(storedFor(influx, service.database, spoofer)).isZero();
            assertThat(storedFor(influx, service.database, last)).isEqualTo(1);
        }
    }

    private static long storedFor(InfluxDb influx, String db, String device) {
        long total = 0;
        for (String measurement : List.of("status", "event", "state")) {
            total += influx.count(db, "SELECT count(v) FROM " + measurement + " WHERE device = '" + device + "'");
        }
        return total;
    }

    private static void assertStoredVerbatim(InfluxDb influx, String db, String device, HostileCorpus.Case c)
            throws Exception {
        JsonNode sent = JSON.readTree(new String(c.payload(), StandardCharsets.UTF_8));
        if (sent.has("program")) {
            List<JsonNode> rows = influx.rows(db, "SELECT program FROM status WHERE device = '" + device + "'");
            assertThat(rows.get(0).get(1).asText()).as("program of '%s'", c.name())
                    .isEqualTo(sent.get("program").asText());
        }
        if (sent.has("firmware")) {
            List<JsonNode> rows = influx.rows(db, "SELECT * FROM status WHERE device = '" + device + "'");
            assertThat(rows.toString()).doesNotContain("firmware").doesNotContain("1.2.3");
        }
    }
}

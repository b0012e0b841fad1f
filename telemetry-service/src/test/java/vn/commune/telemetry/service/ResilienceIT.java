package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/** The service's delivery promise when its own process, InfluxDB or the broker goes away under load. */
@ExtendWith(TestServersExtension.class)
class ResilienceIT {

    private static final List<String> DEVICES = Payloads.loudspeakers(ServiceHarness.sampleInventory());
    private static final String COUNT = "SELECT count(uptime_s) FROM status";

    /** Verifies that messages published while the service is down are stored when it returns, none twice. */
    @Test
    void serviceRestartMidStreamLosesNothing(MqttBroker broker, InfluxDb influx, @TempDir Path tmp)
            throws Exception {
        int total = 12_000;
        // (ready: subscribed, so that the session holds every message of the stream from the first on)
        ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady();
        try (Stream stream = new Stream(broker.url(), "pub-" + service.database, DEVICES, total, 2_000).start()) {
            // Given the stream is flowing into the service
            await().atMost(Duration.ofSeconds(30)).until(() -> influx.count(service.database, COUNT) > 1_000);
            // When the service stops in the middle of it, and comes back while the stream goes on
            service.stop();
            int sentWhileDown = stream.sent();
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.sent() > sentWhileDown + 2_000);
            service.start();
            stream.finish();
            // Then every message is stored exactly once
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(influx.count(service.database, COUNT)).as(() -> missing(influx, service, total))
                            .isEqualTo(total));
            // (a replay overwrites its own point: same series, same timestamp) and carries its own values
            assertThat(influx.count(service.database, "SELECT sum(uptime_s) FROM status"))
                    .isEqualTo((long) total * (total - 1) / 2);
        } finally {
            service.close();
        }
    }

    /** Verifies that while InfluxDB is down everything is spooled to disk, and drained exactly when it returns. */
    @Test
    void influxOutageUnderLoadIsSpooledAndDrained(MqttBroker broker, @TempDir Path tmp) throws Exception {
        int total = 12_000;
        try (InfluxDb influx = TestServers.newInfluxDb();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).start().awaitReady();
                Stream stream = new Stream(broker.url(), "pub-" + service.database, DEVICES, total, 2_000).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> influx.count(service.database, COUNT) > 1_000);
            // When InfluxDB stops under load
            influx.stop();
            // Then the service keeps acknowledging: the points go to the spool
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    service.metric("ct_storage_spool_bytes", null) > 0 && stream.sent() > total / 2);
            assertThat(service.get("/ready", null).statusCode()).isEqualTo(503);
            // And when it returns, the spool drains and the count matches exactly
            influx.start();
            stream.finish();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(influx.count(service.database, COUNT)).as(() -> missing(influx, service, total))
                            .isEqualTo(total));
            await().atMost(Duration.ofSeconds(30)).until(() -> service.metric("ct_storage_spool_bytes", null) == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get("/ready", null).statusCode() == 200);
        }
    }

    /** Verifies that the service reconnects after a broker restart and that nothing acknowledged is lost. */
    @Test
    void brokerRestartLosesNothingAcknowledged(InfluxDb influx, @TempDir Path tmp) throws Exception {
        int perBatch = 3_000;
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get("/ready", null).statusCode() == 200);
            // Given a batch the broker has acknowledged to the publisher
            publish(broker, service.database + "-a", 0, perBatch);
            // When the broker restarts at once, before the service has necessarily received it all
            broker.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.get("/ready", null).statusCode() == 503);
            broker.start();
            // Then the service reconnects by itself and stores the first batch and a second one
            await().atMost(Duration.ofSeconds(60)).until(() -> service.get("/ready", null).statusCode() == 200);
            publish(broker, service.database + "-b", perBatch, perBatch);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(influx.count(service.database, COUNT)).isEqualTo(2L * perBatch));
            assertThat(service.metric("ct_mqtt_connected", null)).isEqualTo(1.0);
        }
    }

    /** Which messages are missing, to say so when the count is short. */
    private static String missing(InfluxDb influx, ServiceHarness service, int total) {
        java.util.BitSet seen = new java.util.BitSet(total);
        influx.rows(service.database, "SELECT uptime_s FROM status").forEach(row -> seen.set(row.get(1).asInt()));
        StringBuilder out = new StringBuilder("missing uptime_s:");
        for (int i = seen.nextClearBit(0); i < total && out.length() < 400; i = seen.nextClearBit(i + 1)) {
            out.append(' ').append(i);
        }
        for (String metric : List.of("ct_ingest_messages_received_total", "ct_ingest_messages_rejected_total",
                "ct_ingest_points_total", "ct_ingest_pending_acks", "ct_storage_points_written_total",
                "ct_storage_spool_depth", "ct_storage_spool_bytes", "ct_storage_buffered_points",
                "ct_storage_dead_letters_total",
                "ct_storage_influx_reachable", "ct_storage_backpressure", "ct_mqtt_connected")) {
            out.append("; ").append(metric).append(' ').append(service.metric(metric, null));
        }
        return out.toString();
    }

    private static void publish(MqttBroker broker, String clientId, int from, int count) {
        long base = System.currentTimeMillis() - 3_600_000;
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), clientId)) {
            for (int i = from; i < from + count; i++) {
                publisher.publish("tele/" + DEVICES.get(i % DEVICES.size()) + "/status",
                        Payloads.loudspeaker(base + i, i));
            }
            publisher.flush();
        }
    }
}

package vn.commune.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.testsupport.MqttTestClient;

/**
 * The gateway between two real brokers: forwarding unchanged (with the {@code gateway} user property), commands down,
 * an uplink cut, a full log.
 */
class ForwardingIT extends TwoBrokers {

    private static final Duration LONG = Duration.ofSeconds(90);
    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

    /** Verifies that messages go up unchanged (payload, QoS, retain), each naming the gateway, and commands come down. */
    @Test
    void forwardsUnchangedAndPassesCommandsDown() {
        GatewayFixture fixture = new GatewayFixture(dir, "gw-test", local, district,
                "devices: [ls-1]\ncommune: xa-test\n");
        try (Collector up = new Collector(district.url(), "collector", "tele/#");
             Gateway gateway = fixture.start();
             MqttTestClient device = MqttTestClient.connect(local.url(), "ls-1");
             MqttTestClient service = MqttTestClient.connect(district.url(), "service")) {
            await().atMost(LONG).until(() -> gateway.metrics().isUplinkConnected()
                    && gateway.metrics().isLocalConnected());
            device.subscribe("cmd/#");
            String state = "{\"v\":1,\"state\":\"online\",\"ts\":" + System.currentTimeMillis() + "}";
            String status = "{\"v\":1,\"ts\":" + System.currentTimeMillis() + ",\"kind\":\"loudspeaker\",\"program\":\"Bản tin\"}";
            device.publish("tele/ls-1/state", state.getBytes(StandardCharsets.UTF_8), 1, true);
            device.publish("tele/ls-1/status", status);
            device.publish("tele/ls-1/event", "{\"v\":1,\"ts\":1,\"type\":\"reboot\"}".getBytes(StandardCharsets.UTF_8),
                    0, false);
            device.flush();
            await().atMost(LONG).until(() -> up.on("tele/ls-1/status").size() == 1
                    && up.on("tele/ls-1/state").size() == 1 && up.on("tele/ls-1/event").size() == 1);
            assertThat(up.on("tele/ls-1/state").get(0)).isEqualTo(new Collector.Got("tele/ls-1/state", state, true, 1));
            assertThat(up.on("tele/ls-1/status").get(0)).isEqualTo(new Collector.Got("tele/ls-1/status", status, false, 1));
            assertThat(up.on("tele/ls-1/event").get(0).qos()).isZero();
            // the gateway's own retained online state and its status
            await().atMost(LONG).until(() -> !up.on("tele/gw-test/status").isEmpty()
                    && up.on("tele/gw-test/state").stream().anyMatch(g -> g.text().contains("online")));
            assertThat(up.on("tele/gw-test/status").get(0).text()).contains("\"kind\":\"gateway\"", "\"uplink\":\"4g\"",
                    "\"spool_depth\":");
            // every message sent upstream, forwarded or its own, names the gateway in the user property
            for (String topic : List.of("tele/ls-1/state", "tele/ls-1/status", "tele/ls-1/event", "tele/gw-test/status",
                    "tele/gw-test/state")) {
                assertThat(up.gatewayProperties(topic)).as(topic).isNotEmpty().allSatisfy(values ->
                        assertThat(values).containsExactly("gw-test"));
            }

            service.publish("cmd/ls-1/reboot", "{\"v\":1}");
            service.publish("cmd/commune/xa-test/schedule", "{\"v\":1,\"commune\":\"xa-test\",\"version\":1}"
                    .getBytes(StandardCharsets.UTF_8), 1, true);
            service.publish("cmd/other-device/reboot", "{\"v\":1}");
            service.flush();
            await().atMost(LONG).until(() -> device.received().size() >= 2);
            assertThat(device.received()).extracting(MqttTestClient.Received::topic)
                    .containsExactlyInAnyOrder("cmd/ls-1/reboot", "cmd/commune/xa-test/schedule");
            // the schedule stays retained on the local broker for a loudspeaker that connects later
            try (MqttTestClient later = MqttTestClient.connect(local.url(), "ls-later")) {
                later.subscribe("cmd/commune/xa-test/schedule");
                await().atMost(LONG).until(() -> !later.received().isEmpty());
                assertThat(later.received().get(0).retained()).isTrue();
            }
        }
    }

    /**
     * Verifies that with the district broker stopped during traffic from many devices, every message arrives after
     * it is back, with its original ts, in order per device.
     */
    @Test
    void uplinkCutLosesNothingAndKeepsOrderPerDevice() {
        GatewayFixture fixture = new GatewayFixture(dir, "gw-cut", local, district, "status-interval: PT1H\n");
        int devices = 40;
        int perDevice = 60;
        try (Collector up = new Collector(district.url(), "collector", "tele/#");
             Gateway gateway = fixture.start();
             MqttTestClient publisher = MqttTestClient.connect(local.url(), "devices")) {
            await().atMost(LONG).until(() -> gateway.metrics().isUplinkConnected());
            long base = System.currentTimeMillis() - 3_600_000;
            for (int round = 0; round < perDevice; round++) {
                if (round == 20) {
                    publisher.flush();
                    district.stop();
                }
                if (round == 40) {
                    publisher.flush();
                    await().atMost(LONG).until(() -> gateway.log().depth() >= 20L * devices);
                    district.start();
                }
                for (int d = 0; d < devices; d++) {
                    long ts = base + round * 1000L + d;
                    String topic = round % 10 == 5 ? "tele/dev-" + d + "/event" : "tele/dev-" + d + "/status";
                    String payload = round % 10 == 5 ? "{\"v\":1,\"ts\":" + ts + ",\"type\":\"tamper\"}"
                            : "{\"v\":1,\"ts\":" + ts + ",\"kind\":\"camera\"}";
                    publisher.publish(topic, payload);
                }
            }
            publisher.flush();
            await().atMost(LONG).until(() -> unique(up).size() == devices * perDevice);
            Map<String, List<Long>> statusTs = new HashMap<>();
            Map<String, List<Long>> eventTs = new HashMap<>();
            for (Collector.Got got : up.got()) {
                if (!got.topic().startsWith("tele/dev-")) {
                    continue;
                }
                Map<String, List<Long>> into = got.topic().endsWith("/event") ? eventTs : statusTs;
                into.computeIfAbsent(got.topic(), t -> new ArrayList<>()).add(ts(got.text()));
            }
            for (int d = 0; d < devices; d++) {
                List<Long> statuses = statusTs.get("tele/dev-" + d + "/status");
                List<Long> expected = new ArrayList<>();
                for (int round = 0; round < perDevice; round++) {
                    if (round % 10 != 5) {
                        expected.add(base + round * 1000L + d);
                    }
                }
                // every original ts, first arrivals in order (at-least-once: what was in flight when the uplink
                // broke is sent again after it, and counted below as duplicates)
                assertThat(statuses.stream().distinct().toList()).isEqualTo(expected);
                assertThat(eventTs.get("tele/dev-" + d + "/event").stream().distinct().toList()).isSorted()
                        .hasSize(6);
            }
            assertThat(gateway.log().depth()).isLessThanOrEqualTo(1);
            System.out.printf("uplink cut: %d messages from %d devices, %d received upstream (%d duplicates)%n",
                    devices * perDevice, devices, up.got().stream().filter(g -> g.topic().startsWith("tele/dev-"))
                            .count(), up.got().stream().filter(g -> g.topic().startsWith("tele/dev-")).count()
                            - (long) devices * perDevice);
        }
    }

    /** Verifies that a full log drops the oldest statuses first, never events or states, and counts every drop. */
    @Test
    void fullLogDropsOldestStatusesAndCountsThem() {
        GatewayFixture fixture = new GatewayFixture(dir, "gw-full", local, district, "status-interval: PT1H\n"
                + "spool:\n  dir: " + dir.resolve("spool") + "\n  max-bytes: 65536\n  segment-bytes: 8192\n");
        int statuses = 1500;
        int events = 30;
        try (Collector up = new Collector(district.url(), "collector", "tele/#")) {
            district.stop();
            try (Gateway gateway = fixture.start();
                 MqttTestClient publisher = MqttTestClient.connect(local.url(), "devices")) {
                await().atMost(LONG).until(() -> gateway.metrics().isLocalConnected());
                long base = System.currentTimeMillis() - 600_000;
                for (int i = 0; i < statuses; i++) {
                    publisher.publish("tele/dev-" + (i % 10) + "/status", "{\"v\":1,\"ts\":" + (base + i)
                            + ",\"kind\":\"wifi\",\"detail\":\"" + "x".repeat(100) + "\"}");
                    if (i % 50 == 0) {
                        publisher.publish("tele/dev-" + (i % 10) + "/event", "{\"v\":1,\"ts\":" + (base + i)
                                + ",\"type\":\"power_lost\"}");
                    }
                }
                publisher.flush();
                await().atMost(LONG).until(() -> gateway.metrics().registry().get("ct.gateway.received").counter()
                        .count() >= statuses + events);
                assertThat(gateway.log().bytes()).isLessThanOrEqualTo(65536);
                long dropped = gateway.log().dropped();
                assertThat(dropped).isGreaterThan(0);
                assertThat(fetch(fixture.httpPort, "/metrics")).contains("ct_gateway_spool_dropped " + dropped + ".0");

                district.start();
                await().atMost(LONG).until(() -> gateway.log().depth() == 0);
                await().atMost(LONG).until(() -> up.got().stream().filter(g -> g.topic().endsWith("/event")
                        && g.topic().startsWith("tele/dev-")).map(Collector.Got::text).distinct().count() == events);
                List<Long> statusTs = up.got().stream().filter(g -> g.topic().startsWith("tele/dev-")
                        && g.topic().endsWith("/status")).map(g -> ts(g.text())).distinct().sorted().toList();
                // the oldest went, the newest stayed: what arrived is exactly the newest statuses
                long firstKept = statuses - statusTs.size();
                List<Long> newest = new ArrayList<>();
                for (long i = firstKept; i < statuses; i++) {
                    newest.add(base + i);
                }
                assertThat(statusTs).isEqualTo(newest);
                // every status missing upstream is counted (the gateway's own first status may be dropped too)
                assertThat(dropped).isBetween(firstKept, firstKept + 1);
            }
        }
    }

    private static long ts(String payload) {
        Matcher m = TS.matcher(payload);
        if (!m.find()) {
            throw new AssertionError("no ts in " + payload);
        }
        return Long.parseLong(m.group(1));
    }

    static java.util.Set<String> unique(Collector up) {
        java.util.Set<String> set = new java.util.HashSet<>();
        for (Collector.Got got : up.got()) {
            if (got.topic().startsWith("tele/dev-")) {
                set.add(got.topic() + got.text());
            }
        }
        return set;
    }

    static String fetch(int port, String path) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package vn.commune.telemetry.bench;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * Alert latency: from the message that says a device is offline to the webhook receiving the notification, with the
 * service as deployed (its own process, default heap), a real broker, InfluxDB and an HTTP server as the webhook.
 * First single outages, one device at a time (each back online before the next); then a storm: S devices spread
 * over a country fleet's communes go offline at once, with one more single device in the middle of it. The rule has
 * {@code for: PT0S}, so the figures are the service's own path (ingest, state, alert engine, group wait, webhook); a
 * deployed rule adds its {@code for}, and the shipped group wait (30 s) replaces the one given here.
 *
 * <p>{@code ./run bench alerts [--singles 30] [--storm 5000] [--group-wait PT1S] [--service-jar FILE]}
 */
public final class AlertBench {

    private static final String TOKEN = "bench-token-0123456789";

    private AlertBench() {
    }

    /** When each device's firing reached the webhook, and how many messages came. */
    private static final class Webhook implements AutoCloseable {
        final Map<String, Long> fired = new ConcurrentHashMap<>();
        final Map<String, Long> resolved = new ConcurrentHashMap<>();
        final AtomicInteger messages = new AtomicInteger();
        final HttpServer server;

        Webhook() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                long at = System.currentTimeMillis();
                JsonObject message = new JsonObject(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                messages.incrementAndGet();
                JsonArray alerts = message.getJsonArray("alerts");
                for (int i = 0; i < alerts.size(); i++) {
                    JsonObject alert = alerts.getJsonObject(i);
                    (alert.getString("notification").equals("resolved") ? resolved : fired)
                            .putIfAbsent(alert.getString("device"), at);
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public static void main(String[] args) throws Exception {
        int singles = 30;
        int storm = 5_000;
        String groupWait = "PT1S";
        Path jar = Path.of("telemetry-service/target/telemetry-service.jar");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--singles" -> singles = Integer.parseInt(args[i + 1]);
                case "--storm" -> storm = Integer.parseInt(args[i + 1]);
                case "--group-wait" -> groupWait = args[i + 1];
                case "--service-jar" -> jar = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --singles --storm --group-wait --service-jar)");
            }
        }
        Path work = Files.createTempDirectory("ct-alert-bench-");
        Inventory inventory = FleetGenerator.country(42, storm + singles + 2_000);
        Path inventoryFile = work.resolve("inventory.yaml");
        InventoryWriter.write(inventory, inventoryFile);
        List<Device> devices = new ArrayList<>(inventory.devices().stream()
                .filter(d -> d.kind() != DeviceKind.GATEWAY).toList());
        Collections.shuffle(devices, new java.util.Random(7));
        if (devices.size() < storm + singles + 1) {
            throw new IllegalStateException("the fleet has only " + devices.size() + " devices besides gateways");
        }
        List<Device> single = devices.subList(0, singles);
        List<Device> stormDevices = devices.subList(singles, singles + storm);
        Device witness = devices.get(singles + storm);
        Path rules = Files.writeString(work.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    severity: critical
                    for: PT0S
                """);
        System.out.printf(Locale.ROOT, "Commune Telemetry alert latency: %,d devices in %,d communes; %d single "
                + "outages, then %,d devices offline at once; group wait %s; rule for PT0S%n", inventory.devices()
                .size(), inventory.placesAtLevel(inventory.communeLevel()).size(), singles, storm, groupWait);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (MqttBroker broker = TestServers.newBroker(); InfluxDb influx = TestServers.newInfluxDb();
                Webhook webhook = new Webhook()) {
            int port = FreePorts.next();
            Map<String, String> env = Map.ofEntries(Map.entry("MQTT_URL", broker.url()),
                    Map.entry("MQTT_CLIENT_ID", "bench-alerts"), Map.entry("INFLUX_URL", influx.url()),
                    Map.entry("INFLUX_DB", "bench_alerts"), Map.entry("HTTP_HOST", "127.0.0.1"),
                    Map.entry("HTTP_PORT", Integer.toString(port)), Map.entry("API_TOKEN", TOKEN),
                    Map.entry("INVENTORY", inventoryFile.toString()),
                    Map.entry("DATA_DIR", work.resolve("data").toString()),
                    Map.entry("ALERT_RULES", rules.toString()), Map.entry("ALERT_WEBHOOK_URL", webhook.url()),
                    Map.entry("ALERT_GROUP_WAIT", groupWait));
            try (ServiceProcess service = new ServiceProcess(jar, work, env, port, List.of("-Xmx256m"));
                    MqttTestClient client = MqttTestClient.connect(broker.url(), "bench-alerts-devices")) {
                service.awaitReady(Duration.ofSeconds(120));
                long now = System.currentTimeMillis();
                for (Device device : devices) {
                    client.publish("tele/" + device.id() + "/state", state("online", now));
                }
                client.flush();
                // the service has seen them: each single outage below then waits for its own firing
                service.awaitKnown(TOKEN, devices.size(), Duration.ofSeconds(120));

                List<Long> singleLatency = new ArrayList<>();
                for (Device device : single) {
                    long t0 = System.currentTimeMillis();
                    client.publish("tele/" + device.id() + "/state", state("offline", t0));
                    client.flush();
                    singleLatency.add(await(webhook.fired, device.id(), Duration.ofSeconds(60)) - t0);
                    client.publish("tele/" + device.id() + "/state", state("online", System.currentTimeMillis()));
                    client.flush();
                    await(webhook.resolved, device.id(), Duration.ofSeconds(60));
                }
                print("single outage", singleLatency);

                int before = webhook.messages.get();
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                long stormStart = System.currentTimeMillis();
                for (int i = 0; i < stormDevices.size(); i++) {
                    Device device = stormDevices.get(i);
                    long t = System.currentTimeMillis();
                    sentAt.put(device.id(), t);
                    client.publish("tele/" + device.id() + "/state", state("offline", t));
                    if (i == stormDevices.size() / 2) {
                        long w = System.currentTimeMillis();
                        sentAt.put(witness.id(), w);
                        client.publish("tele/" + witness.id() + "/state", state("offline", w));
                    }
                }
                client.flush();
                long published = System.currentTimeMillis();
                List<Long> stormLatency = new ArrayList<>();
                for (Device device : stormDevices) {
                    stormLatency.add(await(webhook.fired, device.id(), Duration.ofMinutes(5)) - sentAt.get(device.id()));
                }
                long witnessLatency = await(webhook.fired, witness.id(), Duration.ofMinutes(5))
                        - sentAt.get(witness.id());
                System.out.printf(Locale.ROOT, "storm: %,d offline states published in %,d ms; the last "
                        + "notification %,d ms after the first publish; %,d webhook messages%n", storm,
                        published - stormStart, Collections.max(webhook.fired.values()) - stormStart,
                        webhook.messages.get() - before);
                print("storm, each device", stormLatency);
                System.out.printf(Locale.ROOT, "storm, one more device offline in the middle of it: %,d ms%n",
                        witnessLatency);
                System.out.printf(Locale.ROOT, "service peak heap %,d MiB, peak RSS %,d MiB%n",
                        service.peakHeapBytes() >> 20, service.peakRssBytes() >> 20);
            }
        }
    }

    private static String state(String state, long ts) {
        return "{\"v\":1,\"state\":\"" + state + "\",\"ts\":" + ts + "}";
    }

    private static long await(Map<String, Long> seen, String device, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Long at = seen.get(device);
            if (at != null) {
                return at;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no notification for " + device + " within " + timeout);
    }

    private static void print(String what, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-20s n=%,d  p50 %,d ms  p99 %,d ms  max %,d ms%n", what + ":", sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

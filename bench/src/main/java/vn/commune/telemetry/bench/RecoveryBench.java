package vn.commune.telemetry.bench;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.Transition;
import vn.commune.telemetry.service.state.StateSettings;
import vn.commune.telemetry.service.state.TransitionStore;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * Start-up recovery benchmark: a country fleet (about 100,000 devices) with D days (default 30) of stored history
 * (transitions with an outage every few days per device, the state messages of the last week, each device's last
 * statuses, a previous run of the service), then the service started as deployed. Prints the time from the
 * process's start to {@code /api/v1/state} saying ready, the longest event-loop block Vert.x reported (the service
 * runs with {@code vertx.max-event-loop-block: PT0.1S}, so every block over 100 ms is logged), the time of the first
 * country-wide uptime query, and the service's heap. Also the same start on an empty database.
 *
 * <p>{@code ./run bench recovery [--devices 100000] [--days 30] [--outages-per-day 0.1]}
 */
public final class RecoveryBench {

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final String DB = "bench_recovery";
    private static final String TOKEN = "bench-token-0123456789";

    private RecoveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = FleetGenerator.DEFAULT_COUNTRY_DEVICES;
        int days = 30;
        double outagesPerDay = 0.1;
        Path jar = Path.of("telemetry-service/target/telemetry-service.jar");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                case "--outages-per-day" -> outagesPerDay = Double.parseDouble(args[i + 1]);
                case "--service-jar" -> jar = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --devices --days --outages-per-day --service-jar)");
            }
        }
        Path work = Files.createTempDirectory("ct-recovery-");
        Inventory inventory = FleetGenerator.country(42, devices);
        Path inventoryFile = work.resolve("inventory.yaml");
        InventoryWriter.write(inventory, inventoryFile);
        Path config = Files.writeString(work.resolve("service.yaml"), "vertx:\n  max-event-loop-block: PT0.1S\n");
        System.out.printf(Locale.ROOT, "Commune Telemetry recovery benchmark: %,d devices, %d days of history, "
                + "%.1f outages per device and day%n", inventory.devices().size(), days, outagesPerDay);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (MqttBroker broker = TestServers.newBroker(); InfluxDb influx = TestServers.newInfluxDb()) {
            Map<String, String> env = new HashMap<>(Map.of("MQTT_URL", broker.url(), "MQTT_CLIENT_ID",
                    "bench-recovery", "INFLUX_URL", influx.url(), "INFLUX_DB", DB, "HTTP_HOST", "127.0.0.1",
                    "API_TOKEN", TOKEN, "INVENTORY", inventoryFile.toString(), "CONFIG", config.toString()));

            // an empty database first: the service creates it, recovers from nothing, and then every device of the
            // country reports once, so that every device gets its first transition
            String root = inventory.roots().get(0).id();
            Start empty = start(jar, work.resolve("empty"), env, root, broker.url(), inventory);
            System.out.printf(Locale.ROOT, "empty database:   ready %,6.1f s after the process started; longest "
                    + "event-loop block reported %s%n", empty.readySeconds, empty.longestBlock());
            System.out.printf(Locale.ROOT, "one status from each of the %,d devices: %,d state points InfluxDB "
                    + "accepted (transitions and run markers), writes refused for a database setting %s, state dead "
                    + "letters %s%n", inventory.devices().size(), empty.countryTransitions, empty.configFaults,
                    empty.deadLetters);

            long now = System.currentTimeMillis();
            long t0 = System.nanoTime();
            long points = writeHistory(influx, inventory, now, days, outagesPerDay);
            System.out.printf(Locale.ROOT, "history written:  %,d points in %.1f s%n", points,
                    (System.nanoTime() - t0) / 1e9);
            baseline(influx, now, days);

            Start full = start(jar, work.resolve("full"), env, root, null, inventory);
            System.out.printf(Locale.ROOT, "%d days stored:   ready %,6.1f s after the process started (%,d "
                    + "transitions in memory); longest event-loop block reported %s%n", days, full.readySeconds,
                    full.transitions, full.longestBlock());
            System.out.printf(Locale.ROOT, "first uptime query of %s over %d days, right after ready: %,d ms%n",
                    root, days, full.uptimeMillis);
            System.out.printf(Locale.ROOT, "service heap when ready %,d MiB (peak %,d MiB), peak RSS %,d MiB%n",
                    full.heapBytes >> 20, full.peakHeapBytes >> 20, full.peakRssBytes >> 20);
            System.out.println("aim: ready within 30 s, no event-loop block over 100 ms");
        }
    }

    /**
     * InfluxDB alone: how long it takes to answer the month's transitions as the service asks for them (JSON), and in
     * other shapes, so that the ready time can be read against what the database needs.
     */
    private static void baseline(InfluxDb influx, long now, int days) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String range = " WHERE time >= " + (now - days * DAY) + "ms AND time < " + (now + DAY) + "ms";
        Map<String, String> shapes = new java.util.LinkedHashMap<>();
        shapes.put("the month's transitions as the service asks (cause, last_life; no field filter; JSON)",
                "SELECT cause, last_life FROM transition" + range + " GROUP BY device");
        shapes.put("the month's transitions with a field filter (retracted = false), as it asked before",
                "SELECT cause, last_life FROM transition" + range + " AND retracted = false GROUP BY device");
        shapes.put("the month's transitions, cause alone", "SELECT cause FROM transition" + range
                + " GROUP BY device");
        shapes.put("each device's last transition before the month (asked with the month)", "SELECT cause FROM "
                + "transition WHERE time < " + (now - days * DAY) + "ms AND cause != 'retracted' GROUP BY device "
                + "ORDER BY time DESC LIMIT 1");
        String week = " WHERE time >= " + (now - 7 * DAY) + "ms AND time <= " + (now + DAY) + "ms GROUP BY device";
        shapes.put("the week's state messages and each device's last status and event (read beside the month)",
                "SELECT state, will FROM state" + week + "; SELECT v FROM status" + week
                        + " ORDER BY time DESC LIMIT 1; SELECT v FROM event" + week + " ORDER BY time DESC LIMIT 1");
        for (int round = 1; round <= 2; round++) for (Map.Entry<String, String> shape : shapes.entrySet()) {
            boolean csv = shape.getValue().startsWith("CSV:");
            String q = csv ? shape.getValue().substring(4) : shape.getValue();
            long t = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?epoch=ms&db="
                    + DB + "&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Accept", csv ? "application/csv" : "application/json")
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf(Locale.ROOT, "InfluxDB alone (round %d), %s: %.1f s, %,d bytes%n",
                    round, shape.getKey(), (System.nanoTime() - t) / 1e9, answer.body().length);
        }
    }

    /** One start of the service, up to state ready. */
    private record Start(double readySeconds, long transitions, long uptimeMillis, List<Long> blocks,
            long heapBytes, long peakHeapBytes, long peakRssBytes, long countryTransitions, String configFaults,
            String deadLetters) {

        String longestBlock() {
            return blocks.isEmpty() ? "none over 100 ms" : blocks.stream().mapToLong(Long::longValue).max()
                    .orElseThrow() + " ms (" + blocks.size() + " warnings)";
        }
    }

    private static Start start(Path jar, Path dir, Map<String, String> baseEnv, String root, String brokerToReport,
            Inventory inventory) throws Exception {
        Files.createDirectories(dir);
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("DATA_DIR", dir.resolve("data").toString());
        long started = System.nanoTime();
        // a country's fleet needs more than the default 256 MB; the pause target and the GC log as deployed
        List<String> jvm = List.of("-Xmx2g", "-XX:MaxGCPauseMillis=50", "-Xlog:gc:file=" + dir.resolve("gc.log"));
        try (ServiceProcess service = new ServiceProcess(jar, dir, env, port, jvm)) {
            HttpClient http = HttpClient.newHttpClient();
            String state = "";
            while (!state.contains("\"ready\":true")) {
                if (System.nanoTime() - started > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("not ready within 15 minutes: " + state);
                }
                Thread.sleep(100);
                state = get(http, port, "/api/v1/state");
            }
            double ready = (System.nanoTime() - started) / 1e9;
            long transitions = Long.parseLong(state.replaceAll(".*\"history_transitions\":(\\d+).*", "$1"));
            service.awaitReady(Duration.ofMinutes(1));
            long q = System.nanoTime();
            String uptime = get(http, port, "/api/v1/uptime?place=" + root + "&from="
                    + java.time.Instant.ofEpochMilli(System.currentTimeMillis() - 30 * DAY));
            long uptimeMillis = (System.nanoTime() - q) / 1_000_000;
            if (!uptime.contains("uptime_pct")) {
                throw new IllegalStateException("uptime query failed: " + uptime);
            }
            long countryTransitions = -1;
            String faults = "";
            String letters = "";
            if (brokerToReport != null) {
                // every device of the country reports once: its first transition (online) is stored
                try (MqttTestClient devices = MqttTestClient.connect(brokerToReport, "bench-country")) {
                    long ts = System.currentTimeMillis();
                    for (Device device : inventory.devices()) {
                        devices.publish("tele/" + device.id() + "/status", ("{\"v\":1,\"ts\":" + ts + ",\"kind\":\""
                                + device.kind().wireName() + "\"}").getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                    devices.flush();
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (System.nanoTime() < deadline) {
                    String metrics = get(http, port, "/metrics");
                    countryTransitions = (long) metric(metrics, "ct_state_storage_points_written_total");
                    if (countryTransitions >= inventory.devices().size()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                String metrics = get(http, port, "/metrics");
                faults = String.valueOf((long) metric(metrics, "ct_storage_config_faults_total"));
                letters = String.valueOf((long) metric(metrics, "ct_state_storage_dead_letters_total"));
            }
            Thread.sleep(1_000);
            long heap = service.peakHeapBytes();
            List<Long> blocks = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("service.log"), StandardCharsets.UTF_8)) {
                if (line.contains("has been blocked for")) {
                    blocks.add(Long.parseLong(line.replaceAll(".*has been blocked for (\\d+) ms.*", "$1")));
                }
            }
            return new Start(ready, transitions, uptimeMillis, blocks, heap, service.peakHeapBytes(),
                    service.peakRssBytes(), countryTransitions, faults, letters);
        }
    }

    /** The sum of every series of a metric in a Prometheus scrape (0 when absent). */
    private static double metric(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String get(HttpClient http, int port, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Per device: online since before the period; outages at random (a timeout, an offline announcement or a Will),
     * back after 1 minute to 6 hours with a status or an announcement; the state messages of the last week; its last
     * three statuses; and one previous run of the service, stopped a minute ago.
     */
    private static long writeHistory(InfluxDb influx, Inventory inventory, long now, int days, double perDay)
            throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long from = now - days * DAY;
        Writer writer = new Writer(influx);
        for (Device device : inventory.devices()) {
            Map<String, String> tags = inventory.tags(device.id());
            long interval = device.statusInterval().toMillis();
            // its last three statuses end the history: an outage still going on would contradict them
            long last = now - random.nextLong(interval);
            long lastStatuses = last - 2 * interval;
            long t = from - HOUR;
            long up = t;
            writer.add(TransitionStore.line(tags, new Transition(t, Cause.STATUS), null, false));
            while (true) {
                t += (long) (-Math.log(1 - random.nextDouble()) * DAY / perDay);
                if (t >= Math.min(now - HOUR, lastStatuses - 2 * interval)) {
                    break;
                }
                int roll = random.nextInt(4);
                Cause down = roll == 0 ? Cause.WILL : roll == 1 ? Cause.OFFLINE : Cause.TIMEOUT;
                // a timeout counts the device offline from one interval after its last sign of life (which follows
                // its last return), and only if it then stays silent longer than its timeout
                long lastLife = t - interval;
                if (down == Cause.TIMEOUT && lastLife <= up) {
                    down = Cause.OFFLINE;
                }
                writer.add(TransitionStore.line(tags, new Transition(t, down), down == Cause.TIMEOUT ? lastLife
                        : null, false));
                if (down != Cause.TIMEOUT && t > now - 7 * DAY) {
                    writer.add(state(tags, t, false, down == Cause.WILL));
                }
                t += 60_000L + random.nextLong(6 * HOUR);
                if (down == Cause.TIMEOUT) {
                    t = Math.max(t, lastLife + interval * StateSettings.DEFAULT_TIMEOUT_INTERVALS + 1_000L);
                }
                Cause back = random.nextBoolean() ? Cause.ONLINE : Cause.STATUS;
                if (t >= lastStatuses) {
                    // back with the first of the last statuses
                    t = lastStatuses;
                    back = Cause.STATUS;
                }
                writer.add(TransitionStore.line(tags, new Transition(t, back), null, false));
                up = t;
                if (back == Cause.ONLINE && t > now - 7 * DAY) {
                    writer.add(state(tags, t, true, false));
                }
            }
            for (int k = 0; k < 3; k++) {
                writer.add(Point.measurement("status").addTags(tags).addField("v", 1L)
                        .time(last - k * interval, WritePrecision.MS).toLineProtocol());
            }
        }
        writer.add(Point.measurement("service_run").addTag("instance", "bench-recovery").addField("until", now - 60_000L)
                .addField("clean", true).time(from - DAY, WritePrecision.MS).toLineProtocol());
        return writer.finish();
    }

    private static String state(Map<String, String> tags, long at, boolean online, boolean will) {
        return Point.measurement("state").addTags(tags).addField("state", online ? "online" : "offline")
                .addField("will", will).addField("v", 1L).time(at, WritePrecision.MS).toLineProtocol();
    }

    /** Posts line protocol in batches of 5,000, two requests in flight. */
    private static final class Writer {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;
        private final List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        private StringBuilder batch = new StringBuilder();
        private int lines;
        private long total;

        Writer(InfluxDb influx) {
            this.uri = URI.create(influx.url() + "/write?precision=ms&db=" + DB + "&rp=ct_400d");
        }

        void add(String line) throws Exception {
            batch.append(line).append('\n');
            total++;
            if (++lines == 5_000) {
                flush();
            }
        }

        private void flush() throws Exception {
            if (lines == 0) {
                return;
            }
            byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
            batch = new StringBuilder();
            lines = 0;
            while (inFlight.size() >= 2) {
                check(inFlight.remove(0).get());
            }
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }

        long finish() throws Exception {
            flush();
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                check(request.get());
            }
            return total;
        }

        private static void check(HttpResponse<String> response) {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB refused history: " + response.statusCode() + " "
                        + response.body());
            }
        }
    }
}

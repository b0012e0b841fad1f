package vn.commune.telemetry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * The commune gateway on a small box: the gateway jar as its own process with {@code -Xmx64m}, a commune of 100
 * devices behind it, the district broker down while a backlog of 100,000 statuses (about 200 bytes each) builds up,
 * then back. Prints how fast the backlog is stored and drained, the gateway's peak heap and RSS, and the window of
 * data at risk on a power cut (every local acknowledgement follows the fsync covering its message: the time a
 * message waits for its fsync and acknowledgement is what the local broker still holds, acknowledged data at risk
 * is none).
 *
 * <p>{@code ./run bench gateway [--messages 100000] [--devices 100] [--rate-limit BYTES_PER_S]}
 */
public final class GatewayBench {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 100_000;
        int devices = 100;
        long rateLimit = 0;
        Path jar = Path.of("gateway/target/gateway.jar");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--rate-limit" -> rateLimit = Long.parseLong(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("gateway-bench-");
        int httpPort = FreePorts.next();
        try (MqttBroker local = TestServers.newBroker(); MqttBroker district = TestServers.newBroker()) {
            Files.writeString(dir.resolve("gateway.yaml"), "gateway-id: gw-bench\nuplink: 4g\n"
                    + "status-interval: PT30S\n"
                    + "local:\n  url: " + local.url() + "\n"
                    + "district:\n  url: " + district.url() + "\n  rate-limit: " + rateLimit + "\n"
                    + "  max-in-flight: 1000\n  reconnect-min: PT0.2S\n  reconnect-max: PT0.5S\n"
                    + "spool:\n  dir: " + dir.resolve("spool") + "\n  max-bytes: 268435456\n"
                    + "http:\n  port: " + httpPort + "\n");
            AtomicLong upstream = new AtomicLong();
            MqttAsyncClient counter = counter(district.url(), upstream);
            district.stop();
            Process gateway = new ProcessBuilder("java", "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                    "--config", dir.resolve("gateway.yaml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
            try {
                String base = "http://127.0.0.1:" + httpPort;
                waitFor(() -> metrics(base).contains("ct_gateway_local_connected 1.0"), "the gateway's local link");
                long peakHeap = 0;
                // the backlog: 100 devices, statuses of about 200 bytes
                long start = System.nanoTime();
                try (MqttTestClient publisher = MqttTestClient.connect(local.url(), "bench-devices")) {
                    long ts = System.currentTimeMillis() - 6 * 3_600_000L;
                    for (int i = 0; i < messages; i++) {
                        publisher.publish("tele/ls-bench-" + (i % devices) + "/status", String.format(Locale.ROOT,
                                "{\"v\":1,\"ts\":%d,\"kind\":\"loudspeaker\",\"power\":\"mains\",\"battery_pct\":97,"
                                        + "\"temp_c\":41.5,\"rssi_dbm\":-71,\"rsrp_dbm\":-96,\"uptime_s\":86400,"
                                        + "\"playing\":false,\"volume_pct\":80,\"amp_ok\":true}", ts + i));
                    }
                    publisher.flush();
                }
                final int total = messages;
                while (sample(metrics(base), "ct_gateway_spool_depth") < total) {
                    peakHeap = Math.max(peakHeap, heap(metrics(base)));
                    Thread.sleep(100);
                }
                double stored = (System.nanoTime() - start) / 1e9;
                String atPeak = metrics(base);
                peakHeap = Math.max(peakHeap, heap(atPeak));
                double logBytes = sample(atPeak, "ct_gateway_spool_bytes");

                // the uplink returns: drain
                long drainStart = System.nanoTime();
                district.start();
                while (upstream.get() < total) {
                    peakHeap = Math.max(peakHeap, heap(metrics(base)));
                    Thread.sleep(100);
                }
                double drained = (System.nanoTime() - drainStart) / 1e9;
                String end = metrics(base);
                peakHeap = Math.max(peakHeap, heap(end));
                long rss = peakRss(gateway.pid());

                System.out.printf(Locale.ROOT, "gateway bench: %,d messages from %,d devices, log %,d MiB on disk%n",
                        total, devices, (long) logBytes >> 20);
                System.out.printf(Locale.ROOT, "stored (published to the local broker → fsynced and acknowledged): "
                        + "%.1f s, %,.0f msg/s%n", stored, total / stored);
                System.out.printf(Locale.ROOT, "backlog drained to the district broker: %.1f s, %,.0f msg/s%s%n",
                        drained, total / drained, rateLimit > 0 ? " (limit " + rateLimit + " B/s)" : " (no limit)");
                System.out.printf(Locale.ROOT, "gateway (-Xmx64m): peak heap used %,d MiB, peak RSS %,d MiB%n",
                        peakHeap >> 20, rss >> 20);
                System.out.printf(Locale.ROOT, "fsync: %,.0f fsyncs, p50 %.1f ms, p99 %.1f ms; messages per fsync "
                                + "mean %.0f%n", sample(end, "ct_gateway_spool_sync_seconds_count"),
                        quantile(end, "ct_gateway_spool_sync_seconds", "0.5") * 1000,
                        quantile(end, "ct_gateway_spool_sync_seconds", "0.99") * 1000,
                        sample(end, "ct_gateway_spool_sync_batch_sum")
                                / Math.max(1, sample(end, "ct_gateway_spool_sync_batch_count")));
                System.out.printf(Locale.ROOT, "window at risk on power cut: acknowledged data 0 ms (every local "
                                + "acknowledgement follows the fsync covering it); a message waits for its fsync and "
                                + "acknowledgement p50 %.1f ms, p99 %.1f ms, max %.1f ms (held by the local broker "
                                + "meanwhile)%n",
                        quantile(end, "ct_gateway_local_ack_delay_seconds", "0.5") * 1000,
                        quantile(end, "ct_gateway_local_ack_delay_seconds", "0.99") * 1000,
                        sample(end, "ct_gateway_local_ack_delay_seconds_max") * 1000);
            } finally {
                gateway.destroy();
                gateway.waitFor();
                counter.disconnectForcibly(0, 1000, false);
                counter.close(true);
            }
        }
    }

    private static MqttAsyncClient counter(String url, AtomicLong count) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-district", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (topic.startsWith("tele/ls-bench-")) {
                    count.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setReceiveMaximum(65_535);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription("tele/#", 1)).waitForCompletion(10_000);
        return client;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not come up in 60 s");
    }

    private static String metrics(String base) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sample(String text, String name) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }

    private static double quantile(String text, String name, String q) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name) && m.group(2) != null && m.group(2).contains("quantile=\"" + q + "\"")) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }

    private static long heap(String text) {
        double sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("jvm_memory_used_bytes") && m.group(2) != null
                    && m.group(2).contains("area=\"heap\"")) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return (long) sum;
    }

    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}

package vn.commune.telemetry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * Ingest benchmark: against a local Mosquitto and InfluxDB, measures (1) the broker alone, (2) InfluxDB alone, (3)
 * the service end to end: first publish to last point queryable for M messages from K devices at QoS 1, and p50/p99
 * publish-to-stored latency at a fixed lower rate, with the service's peak heap and RSS. Prints every figure and the
 * ratio of the service's throughput to the slower baseline.
 *
 * <p>{@code java -jar bench/target/bench.jar [--messages 1000000] [--devices 10000] [--latency-rate 1000]
 * [--latency-seconds 20] [--service-jar telemetry-service/target/telemetry-service.jar] [--skip-baselines]}
 */
public final class Bench {

    private Bench() {
    }

    /** CPU per message is also printed for the first this many messages, so that JIT warm-up shows. */
    private static final long CPU_MARK = 300_000;

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("ct-bench-");
        System.out.printf(Locale.ROOT, "Commune Telemetry ingest benchmark: %,d messages from %,d devices (QoS 1)%n",
                o.backlog > 0 ? o.backlog : o.messages, o.devices);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        BenchFleet fleet = new BenchFleet(o.devices);
        Path inventory = work.resolve("inventory.yaml");
        fleet.write(inventory);
        try (MqttBroker broker = o.backlog > 0 ? TestServers.newBacklogBroker() : TestServers.newBroker();
                InfluxDb influx = TestServers.newInfluxDb()) {
            if (o.backlog > 0) {
                backlog(o, broker, influx, fleet, inventory, work);
                return;
            }
            double brokerRate = Double.NaN;
            double influxRate = Double.NaN;
            if (!o.skipBaselines) {
                brokerRate = BrokerBaseline.run(broker.url(), fleet, o.messages);
                System.out.printf(Locale.ROOT, "baseline broker alone:   %,10.0f msg/s%n", brokerRate);
                influxRate = InfluxBaseline.run(influx, fleet, o.messages, 5_000);
                System.out.printf(Locale.ROOT, "baseline InfluxDB alone: %,10.0f points/s (batches of 5,000, 2 in flight)%n",
                        influxRate);
            }
            int port = FreePorts.next();
            Map<String, String> env = serviceEnv(o, broker, influx, inventory, work, port);
            try (ServiceProcess service = new ServiceProcess(o.serviceJar, work, env, port, o.jvmOptions)) {
                service.progressFromMetrics(o.pollMetrics);
                service.awaitReady(Duration.ofSeconds(60));
                double cpuBefore = service.cpuSeconds();
                double[] cpuAtMark = {Double.NaN};
                long mark = Math.min(o.messages, CPU_MARK);
                double serviceRate = throughput(broker, influx, service, fleet, o.messages, mark,
                        () -> cpuAtMark[0] = service.cpuSeconds() - cpuBefore);
                double cpu = service.cpuSeconds() - cpuBefore;
                System.out.printf(Locale.ROOT, "service end to end:      %,10.0f msg/s (first publish to last point "
                        + "queryable)%n", serviceRate);
                System.out.printf(Locale.ROOT, "service CPU meanwhile:   %,10.1f s, %.1f µs per message (all its "
                        + "threads, GC included)%n", cpu, cpu * 1e6 / o.messages);
                if (mark < o.messages) {
                    System.out.printf(Locale.ROOT, "service CPU per message: %.1f µs over the first %,d, %.1f µs over "
                            + "the %,d after them, %.1f µs over all %,d (JIT warm-up)%n",
                            cpuAtMark[0] * 1e6 / mark, mark, (cpu - cpuAtMark[0]) * 1e6 / (o.messages - mark),
                            o.messages - mark, cpu * 1e6 / o.messages, o.messages);
                }
                if (o.profile) {
                    System.out.print(Profile.summary(service.pid(), work.resolve("throughput.jfr")));
                }
                System.out.print(service.ownFigures());
                // every device first comes back (its first message after the throughput phase, whose timestamps lie
                // hours back, ends a timeout: a transition is written before the point), then reports as usual
                int returning = fleet.size();
                long[] all = latency(broker, influx, fleet, o.latencyRate,
                        o.latencySeconds + (returning + o.latencyRate - 1) / o.latencyRate);
                long[] back = Arrays.copyOfRange(all, 0, Math.min(returning, all.length));
                long[] steady = Arrays.copyOfRange(all, Math.min(returning, all.length), all.length);
                Arrays.sort(back);
                Arrays.sort(steady);
                System.out.printf(Locale.ROOT, "latency at %,d msg/s, each device's first message after an outage "
                        + "(%,d): p50 %d ms, p99 %d ms, max %d ms (publish to queryable, polled every 20 ms)%n",
                        o.latencyRate, back.length, percentile(back, 0.50), percentile(back, 0.99),
                        back[back.length - 1]);
                System.out.printf(Locale.ROOT, "latency at %,d msg/s for %d s, devices reporting as usual: p50 %d "
                        + "ms, p99 %d ms, max %d ms%n", o.latencyRate, steady.length / o.latencyRate,
                        percentile(steady, 0.50), percentile(steady, 0.99), steady[steady.length - 1]);
                System.out.printf(Locale.ROOT, "service peak heap %,d MiB, peak RSS %,d MiB%n",
                        service.peakHeapBytes() >> 20, service.peakRssBytes() >> 20);
                if (!o.skipBaselines) {
                    double slower = Math.min(brokerRate, influxRate);
                    System.out.printf(Locale.ROOT, "ratio service / slower baseline (%s): %.2f (aim: at least 0.70)%n",
                            brokerRate <= influxRate ? "broker" : "InfluxDB", serviceRate / slower);
                }
            }
        }
    }

    /**
     * First publish to last point stored: waits on the service's own counter of points InfluxDB acknowledged
     * (polling a count query instead would load InfluxDB and slow the very writes being measured), then checks
     * with one count query that every point is queryable.
     */
    private static double throughput(MqttBroker broker, InfluxDb influx, ServiceProcess service, BenchFleet fleet,
            long messages, long mark, Runnable atMark) throws InterruptedException {
        long base = System.currentTimeMillis() - 6 * 3_600_000L;
        long start = System.nanoTime();
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), "bench-pub")) {
            for (long i = 0; i < messages; i++) {
                publisher.publish(fleet.topic(i), fleet.payload(i, base + (i / fleet.size()) * 1000L), 1, false);
            }
            publisher.flush();
        }
        // Every poll is a request the service answers on its event loop: poll coarsely while far from the end, finely
        // near it, so the figure keeps ±20 ms.
        long written;
        boolean marked = false;
        while ((written = service.pointsWritten()) < messages) {
            if (!marked && written >= mark) {
                atMark.run();
                marked = true;
            }
            Thread.sleep(written < messages * 0.98 && written < mark * 0.98 ? 500 : 20);
            if (System.nanoTime() - start > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException("not all points stored within 15 minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = influx.count("bench_service", "SELECT count(uptime_s) FROM status");
        if (stored != messages) {
            throw new IllegalStateException("InfluxDB holds " + stored + " points, expected " + messages);
        }
        return messages / seconds;
    }

    /** The service's environment: this run's broker, InfluxDB, inventory and folder, and the options' additions. */
    private static Map<String, String> serviceEnv(Options o, MqttBroker broker, InfluxDb influx, Path inventory,
            Path work, int port) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MQTT_URL", broker.url(),
                "MQTT_CLIENT_ID", "bench-service", "INFLUX_URL", influx.url(), "INFLUX_DB", "bench_service",
                "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(port),
                "API_TOKEN", "bench-token-0123456789", "INVENTORY", inventory.toString(),
                "DATA_DIR", work.resolve("data").toString()));
        env.putAll(o.serviceEnv);
        return env;
    }

    /**
     * {@code --backlog N}: N messages queued by the broker for the service's session while it is stopped (a long
     * outage, a gateway's backlog), then drained by the service with its default heap: how long, how much memory,
     * and that every message is stored.
     */
    private static void backlog(Options o, MqttBroker broker, InfluxDb influx, BenchFleet fleet, Path inventory,
            Path work) throws Exception {
        int port = FreePorts.next();
        Map<String, String> env = serviceEnv(o, broker, influx, inventory, work, port);
        try (ServiceProcess first = new ServiceProcess(o.serviceJar, work, env, port, o.jvmOptions)) {
            // the session and its subscription exist from here on: the broker queues for it while it is away
            first.awaitReady(Duration.ofSeconds(60));
        }
        long base = System.currentTimeMillis() - 6 * 3_600_000L;
        long t0 = System.nanoTime();
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), "bench-backlog-pub")) {
            for (long i = 0; i < o.backlog; i++) {
                publisher.publish(fleet.topic(i), fleet.payload(i, base + (i / fleet.size()) * 1000L), 1, false);
            }
            publisher.flush();
        }
        System.out.printf(Locale.ROOT, "backlog: %,d messages queued by the broker while the service was stopped, "
                + "in %.0f s%n", o.backlog, (System.nanoTime() - t0) / 1e9);
        Files.move(work.resolve("service.log"), work.resolve("service-first.log"));
        try (ServiceProcess service = new ServiceProcess(o.serviceJar, work, env, port, o.jvmOptions)) {
            long start = System.nanoTime();
            service.awaitReady(Duration.ofSeconds(120));
            double cpuBefore = service.cpuSeconds();
            long written;
            while ((written = service.pointsWritten()) < o.backlog) {
                if (!service.alive()) {
                    throw new IllegalStateException("the service died while draining (see " + work
                            + "/service.log)");
                }
                Thread.sleep(1_000);
                if (System.nanoTime() - start > Duration.ofHours(1).toNanos()) {
                    throw new IllegalStateException("backlog not drained within an hour: " + written + " written");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = service.cpuSeconds() - cpuBefore;
            long stored = influx.count("bench_service", "SELECT count(uptime_s) FROM status");
            String log = Files.readString(work.resolve("service.log"));
            System.out.printf(Locale.ROOT, "drained by the service (%s): %.0f s from its start, %,.0f msg/s, "
                    + "%.1f µs CPU per message%n", String.join(" ", o.jvmOptions), seconds, o.backlog / seconds,
                    cpu * 1e6 / o.backlog);
            System.out.printf(Locale.ROOT, "stored %,d of %,d; out-of-memory errors: %s; peak heap %,d MiB, peak RSS "
                    + "%,d MiB%n", stored, o.backlog, log.contains("OutOfMemoryError") ? "YES" : "none",
                    service.peakHeapBytes() >> 20, service.peakRssBytes() >> 20);
        }
    }

    /**
     * Publishes at a fixed rate with ts = now; message k is stored when the count of recent points reaches k. The
     * latencies in publishing order (message k is from device k modulo the fleet).
     */
    private static long[] latency(MqttBroker broker, InfluxDb influx, BenchFleet fleet, int rate, int seconds)
            throws InterruptedException {
        int total = rate * seconds;
        long[] published = new long[total];
        long[] stored = new long[total];
        long from = System.currentTimeMillis();
        Thread poller = new Thread(() -> {
            int seen = 0;
            while (seen < total) {
                long now = System.nanoTime();
                int count = (int) influx.count("bench_service",
                        "SELECT count(uptime_s) FROM status WHERE time >= " + from + "ms");
                for (; seen < Math.min(count, total); seen++) {
                    stored[seen] = now;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "latency-poller");
        poller.start();
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), "bench-latency-pub")) {
            long start = System.nanoTime();
            for (int k = 0; k < total; k++) {
                long due = start + (long) (k * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                published[k] = System.nanoTime();
                long seq = 1_000_000_000L + k;
                publisher.publish(fleet.topic(seq), fleet.payload(seq, System.currentTimeMillis()), 1, false);
            }
            publisher.flush();
        }
        poller.join(120_000);
        long[] latencies = new long[total];
        for (int k = 0; k < total; k++) {
            latencies[k] = Math.max(0, (stored[k] - published[k]) / 1_000_000);
        }
        return latencies;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /** Command-line options. */
    private static final class Options {
        long messages = 1_000_000;
        int devices = 10_000;
        int latencyRate = 1_000;
        int latencySeconds = 20;
        boolean skipBaselines;
        boolean profile;
        /** Follow progress by scraping {@code /metrics}, as the benchmark did before {@code /health} counted. */
        boolean pollMetrics;
        long backlog;
        Path serviceJar = Path.of("telemetry-service/target/telemetry-service.jar");
        /** The service's default heap, as the run script and the Dockerfile give it. */
        List<String> jvmOptions = new java.util.ArrayList<>(List.of("-Xmx256m", "-XX:MaxGCPauseMillis=50"));
        Map<String, String> serviceEnv = new java.util.HashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--messages" -> o.messages = Long.parseLong(value);
                    case "--devices" -> o.devices = Integer.parseInt(value);
                    case "--latency-rate" -> o.latencyRate = Integer.parseInt(value);
                    case "--latency-seconds" -> o.latencySeconds = Integer.parseInt(value);
                    case "--backlog" -> o.backlog = Long.parseLong(value);
                    case "--service-jar" -> o.serviceJar = Path.of(value);
                    case "--service-jvm-option" -> o.jvmOptions.add(value);
                    case "--service-env" -> {
                        int eq = value.indexOf('=');
                        if (eq < 1) {
                            System.err.println("--service-env needs KEY=VALUE, got '" + value + "'");
                            System.exit(2);
                        }
                        o.serviceEnv.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    case "--profile" -> {
                        o.profile = true;
                        o.jvmOptions.add("-XX:StartFlightRecording=name=bench,settings=profile");
                        continue;
                    }
                    case "--skip-baselines" -> {
                        o.skipBaselines = true;
                        continue;
                    }
                    case "--poll-metrics" -> {
                        o.pollMetrics = true;
                        continue;
                    }
                    default -> {
                        System.err.println("unknown option " + args[i] + "; options: --messages N --devices K "
                                + "--latency-rate R --latency-seconds S --service-jar FILE --service-jvm-option OPT "
                                + "--service-env KEY=VALUE --skip-baselines --profile --poll-metrics --backlog N");
                        System.exit(2);
                    }
                }
                i++;
            }
            if (!Files.exists(o.serviceJar)) {
                System.err.println("no service jar at " + o.serviceJar + ": build it first (./run build)");
                System.exit(2);
            }
            return o;
        }
    }
}

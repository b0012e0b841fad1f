package vn.commune.telemetry.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * telemetry-service as its own process (as deployed), with its peak heap and resident memory. The peak heap is read
 * from the service's GC log (the occupancy before each collection, the highest the heap gets) and from one reading
 * of its metrics when asked: polling {@code /metrics} several times a second for it, as this did once, had the
 * service format its whole registry on its event loop each time, CPU counted as ingest's.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static final Pattern WRITTEN = Pattern.compile("^ct_storage_points_written_total ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    /** A pause in the GC log ({@code -Xlog:gc}): {@code GC(12) Pause Young (Normal) (…) 150M->60M(256M) 9.1ms}. */
    private static final Pattern PAUSE = Pattern.compile("Pause .*? (\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");

    private final Process process;
    private final int port;
    private final Path gcLog;
    private boolean progressFromMetrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceProcess(Path jar, Path dir, Map<String, String> env, int port, List<String> jvmOptions) throws IOException {
        this.port = port;
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        gcLog = dir.resolve("service-gc-" + port + ".log");
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().putAll(env);
        process = builder.start();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + " (see service.log)");
            }
            if (get("/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service not ready within " + timeout);
    }

    /**
     * Waits until the service has taken in a state for {@code count} devices: that many online or offline in the fleet
     * ({@code /api/v1/state}, asked with the API token), the rest unknown.
     */
    void awaitKnown(String token, long count, Duration timeout) throws InterruptedException {
        Pattern online = Pattern.compile("\"devices\":\\{[^}]*\"online\":(\\d+)");
        Pattern offline = Pattern.compile("\"devices\":\\{[^}]*\"offline\":(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/state")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher up = online.matcher(body);
                Matcher down = offline.matcher(body);
                if (up.find() && down.find() && Long.parseLong(up.group(1)) + Long.parseLong(down.group(1)) == count) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not take in the state of " + count + " devices within "
                + timeout);
    }

    private int get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The service's own figures: acknowledgement latency, batch sizes, write latency, GC pauses, read pauses. */
    String ownFigures() {
        String metrics;
        try {
            metrics = body("/metrics");
        } catch (IOException e) {
            return "(no metrics: " + e.getMessage() + ")";
        }
        StringBuilder out = new StringBuilder();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ct_ingest_ack_latency_seconds") || line.startsWith("ct_storage_batch_size")
                    || line.startsWith("ct_storage_write_latency_seconds") && line.contains("ok")
                    || line.startsWith("ct_storage_spool") || line.startsWith("ct_storage_backpressure")
                    || line.startsWith("jvm_gc_pause_seconds_sum") || line.startsWith("jvm_gc_pause_seconds_count")
                    || line.startsWith("ct_mqtt_read_pauses_total")) {
                out.append("  ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The body of the service's answer to a GET of {@code path}; empty when the benchmark's thread is interrupted (its
     * flag set again).
     *
     * @throws IOException when the service does not answer
     */
    private String body(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Points the service has had acknowledged by InfluxDB so far, from {@code /health}: a counter read (a count query
     * would load InfluxDB; a {@code /metrics} scrape formats the whole registry on the service's event loop, and
     * polling it twice a second cost the service about 1 µs per message of a run, its JIT compiles included).
     */
    long pointsWritten() {
        try {
            if (!progressFromMetrics) {
                Long written = new JsonObject(body("/health")).getLong("points_written");
                if (written != null) {
                    return written;
                }
            }
            return writtenFromMetrics();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether {@link #pointsWritten()} scrapes {@code /metrics} even when {@code /health} has the count. */
    void progressFromMetrics(boolean scrape) {
        this.progressFromMetrics = scrape;
    }

    /** The same count from a {@code /metrics} scrape: for a service built before {@code /health} carried it. */
    private long writtenFromMetrics() throws IOException {
        Matcher m = WRITTEN.matcher(body("/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** Whether the service's process still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** The service's process id. */
    long pid() {
        return process.pid();
    }

    /** The highest heap occupancy so far: before any collection the GC log shows, or now. */
    long peakHeapBytes() {
        long peak = heapNow();
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    long unit = switch (m.group(2)) {
                        case "K" -> 1L << 10;
                        case "M" -> 1L << 20;
                        default -> 1L << 30;
                    };
                    peak = Math.max(peak, Long.parseLong(m.group(1)) * unit);
                }
            }
        } catch (IOException e) {
            // no GC log (yet): no collection to read
        }
        return peak;
    }

    /** The heap in use now, from the service's metrics; 0 when it does not answer. */
    private long heapNow() {
        try {
            Matcher m = HEAP.matcher(body("/metrics"));
            double heap = 0;
            while (m.find()) {
                heap += Double.parseDouble(m.group(1));
            }
            return (long) heap;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * CPU time the process has used so far (user + system, all threads), in seconds: unlike wall time, hardly changed
     * by what else runs on the machine, so a steadier figure to compare versions by.
     */
    double cpuSeconds() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the JDK cannot read the service's CPU time on this system")).toNanos() / 1e9;
    }

    /** Peak resident set size of the process (VmHWM), in bytes. */
    long peakRssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package vn.commune.telemetry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: the service runs with a flight recording ({@code settings=profile}); after the throughput run
 * it is dumped with {@code jcmd}, and its Java execution samples are summed by the package of the running method
 * (the top frame) and by the first frame of the service's own code below it; the CPU of its threads is shown by
 * group (JIT compiler, GC, event loop, Paho, workers) per 10 s.
 */
final class Profile {

    private static final int TOP = 12;
    private static final String OWN = "vn.commune.telemetry.";

    private Profile() {
    }

    /** Dumps the service's recording to {@code file} and summarises it. */
    static String summary(long pid, Path file) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process dump = new ProcessBuilder(jcmd, Long.toString(pid), "JFR.dump", "name=bench",
                "filename=" + file.toAbsolutePath()).redirectErrorStream(true).start();
        String output = new String(dump.getInputStream().readAllBytes());
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            return "profile: jcmd JFR.dump failed: " + output.strip() + "\n";
        }
        Map<String, Integer> byPackage = new HashMap<>();
        Map<String, Integer> byOwnCaller = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byPackage.merge(packageOf(frames.get(0)), 1, Integer::sum);
            String own = "(none: Netty, Paho, Vert.x or the JDK alone)";
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith(OWN)) {
                    own = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
                    break;
                }
            }
            byOwnCaller.merge(own, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "profile (%,d Java samples over the whole run up to the end of the throughput phase):%n", samples));
        table(out, "running package", byPackage, samples);
        table(out, "nearest service method on the stack", byOwnCaller, samples);
        threadLoad(out, file);
        return out.toString();
    }

    /**
     * CPU by group of threads, per period of the recording's {@code jdk.ThreadCPULoad} (10 s with
     * {@code settings=profile}), in % of one core: shows what the first part of a run pays for (the JIT's compiler
     * threads) that the rest does not.
     */
    private static void threadLoad(StringBuilder out, Path file) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.TreeMap<Long, Map<String, Double>> windows = new java.util.TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ThreadCPULoad") || event.getThread() == null) {
                continue;
            }
            String name = event.getThread().getJavaName() != null ? event.getThread().getJavaName()
                    : event.getThread().getOSName();
            double load = (event.getFloat("user") + event.getFloat("system")) * 100 * cores;
            long window = event.getStartTime().getEpochSecond() / 10;
            windows.computeIfAbsent(window, k -> new HashMap<>()).merge(group(name), load, Double::sum);
        }
        if (windows.isEmpty()) {
            return;
        }
        out.append("  CPU by threads, per 10 s of the run, in % of one core:\n");
        long first = windows.firstKey();
        windows.forEach((window, groups) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    +%3d s:", (window - first) * 10));
            groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .filter(e -> e.getValue() >= 1)
                    .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f %%,", e.getKey(), e.getValue())));
            out.append(line.substring(0, line.length() - 1)).append('\n');
        });
    }

    private static String group(String thread) {
        if (thread == null) {
            return "other";
        }
        if (thread.contains("CompilerThread")) {
            return "JIT compiler";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1")) {
            return "GC";
        }
        if (thread.startsWith("vert.x-eventloop")) {
            return "event loop";
        }
        if (thread.startsWith("vert.x-worker") || thread.startsWith("vert.x-internal")) {
            return "workers";
        }
        if (thread.startsWith("MQTT")) {
            return "Paho";
        }
        if (thread.startsWith("Thread-")) {
            return "unnamed (Thread-N)";
        }
        return "other";
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static void table(StringBuilder out, String title, Map<String, Integer> counts, int samples) {
        out.append("  by ").append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n",
                        100.0 * e.getValue() / samples, e.getKey())));
    }
}

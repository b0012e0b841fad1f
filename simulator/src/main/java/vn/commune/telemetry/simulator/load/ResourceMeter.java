package vn.commune.telemetry.simulator.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's own resources: heap in use, resident memory, CPU, open files. Reads the JVM's beans and, on Linux,
 * {@code /proc/self}; values it cannot read are -1.
 */
public final class ResourceMeter {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path FDS = Path.of("/proc/self/fd");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long lastCpuNanos;
    private long lastWallNanos;
    private long peakHeap;
    private long peakRss;

    /** A meter; CPU is measured from now on. */
    public ResourceMeter() {
        lastCpuNanos = cpuNanos();
        lastWallNanos = System.nanoTime();
    }

    /**
     * One reading.
     *
     * @param heapUsedBytes heap in use
     * @param rssBytes      resident set size, or -1
     * @param cpuPercent    CPU used since the previous reading, percent of one core (200 = two cores busy)
     * @param openFiles     open file descriptors, or -1
     */
    public record Reading(long heapUsedBytes, long rssBytes, double cpuPercent, long openFiles) {


        /** Heap in MiB. */
        public long heapMib() {
            return heapUsedBytes >> 20;
        }

        /** RSS in MiB, or -1. */
        public long rssMib() {
            return rssBytes < 0 ? -1 : rssBytes >> 20;
        }
    }

    /** Reads now. */
    public synchronized Reading read() {
        long heap = memory.getHeapMemoryUsage().getUsed();
        long rss = rssBytes();
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        double cpuPercent = cpu < 0 || wall == lastWallNanos ? -1
                : 100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos);
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        peakHeap = Math.max(peakHeap, heap);
        peakRss = Math.max(peakRss, rss);
        return new Reading(heap, rss, cpuPercent, openFiles());
    }

    /** The largest heap in use seen by {@link #read()}. */
    public synchronized long peakHeapBytes() {
        return peakHeap;
    }

    /**
     * The heap the process really keeps: heap in use after a full garbage collection, which this asks for. Only for
     * the end of a measurement: a full collection pauses the process.
     */
    public long liveHeapBytes() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The largest RSS seen by {@link #read()}. */
    public synchronized long peakRssBytes() {
        return peakRss;
    }

    /** CPU time of the process so far, nanoseconds, or -1. */
    public long cpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
            return bean.getProcessCpuTime();
        }
        return -1;
    }

    /** The soft limit of open files of this process, or -1 when unknown. */
    public static long openFileLimit() {
        try {
            List<String> lines = Files.readAllLines(LIMITS);
            for (String line : lines) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long openFiles() {
        try (var entries = Files.list(FDS)) {
            return entries.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package vn.commune.telemetry.gateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store-and-forward log: append-only segment files of checksummed records, the messages waiting for
 * the district broker's acknowledgement indexed in memory (position only, never payloads), and the order they are
 * drained in. Thread-safe: every method takes the log's lock except {@link #read} and the forcing part of
 * {@link #sync}, which only touch file channels.
 *
 * <p>Drain order: states, events and other topics first, across devices, in arrival order; then statuses, one device
 * after another (round robin), each device's in arrival order. A device's messages of one channel therefore always
 * leave in the order they came, and a device with nothing waiting is never behind another device's backlog.
 */
public final class SpoolLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolLog.class);

    /** Devices remembered by id at most; more share one key (still forwarded, in one queue). */
    static final int MAX_DEVICES = 100_000;
    /**
     * Digests of the newest recovered messages kept for recognising the local broker's redeliveries (those can only
     * be messages appended but not yet acknowledged when the gateway stopped: the newest ones).
     */
    static final int MAX_DIGESTS = 20_000;

    /** What became of an appended message. */
    public enum Outcome {
        /** Written to the log (durable after the next {@link #sync()}). */
        APPENDED,
        /** A status refused because the log is full and holds no older status to drop. */
        DROPPED,
        /** The same message was found in the log at start-up: a redelivery, acknowledged without storing it. */
        DUPLICATE
    }

    private final SpoolSettings settings;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final ArrayDeque<Pending> urgent = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Pending>> statusByDevice = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();
    private final Map<String, String> devices = new HashMap<>();
    private final Set<Long> recoveredDigests = new HashSet<>();
    private final long dedupeUntil;
    private Segment active;
    private long nextSeq;
    private long pendingCount;
    private long pendingBytes;
    private long inFlight;

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong tornTails = new AtomicLong();
    private final AtomicLong corruptRecords = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong overBound = new AtomicLong();
    private final AtomicLong compacted = new AtomicLong();

    private SpoolLog(SpoolSettings settings, long now) {
        this.settings = settings;
        this.dedupeUntil = now + settings.dedupeWindow().toMillis();
    }

    /** Opens the log in {@code settings.dir()}, recovering whatever a crash left there. */
    public static SpoolLog open(SpoolSettings settings, long nowMillis) throws IOException {
        Files.createDirectories(settings.dir());
        SpoolLog log = new SpoolLog(settings, nowMillis);
        log.recover();
        return log;
    }

    private void recover() throws IOException {
        List<Long> firsts = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.dir())) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.seg"))
                    .forEach(n -> firsts.add(Long.parseLong(n.substring(0, 20))));
        }
        firsts.sort(Comparator.naturalOrder());
        long maxSeq = -1;
        long[] digests = new long[MAX_DIGESTS];
        long scanned = 0;
        List<Pending> waiting = new ArrayList<>();
        for (long first : firsts) {
            Path file = Segment.fileOf(settings.dir(), first);
            SegmentScanner.Result scan = SegmentScanner.scan(Files.readAllBytes(file));
            Set<Long> done = Segment.readDone(Segment.doneFileOf(settings.dir(), first));
            if (scan.tornAt() >= 0) {
                tornTails.incrementAndGet();
                LOG.warn("spool: {}: torn record at byte {} cut off ({} bytes)", file, scan.tornAt(),
                        Files.size(file) - scan.tornAt());
            }
            if (scan.corrupt() > 0) {
                corruptRecords.addAndGet(scan.corrupt());
                LOG.warn("spool: {}: {} corrupt record(s) skipped", file, scan.corrupt());
            }
            Segment segment = Segment.open(settings.dir(), first, scan.validBytes());
            segments.put(first, segment);
            for (SegmentScanner.Found found : scan.records()) {
                SpoolRecord record = found.record();
                maxSeq = Math.max(maxSeq, record.seq());
                digests[(int) (scanned++ % MAX_DIGESTS)] = digest(record.topic(), record.payload());
                if (!done.contains(record.seq())) {
                    waiting.add(new Pending(record.seq(), segment, found.offset(), found.frameLength(),
                            MessageClass.of(record.topic()), deviceKey(record.topic()), record.arrivedMillis()));
                    recovered.incrementAndGet();
                }
            }
        }
        for (int i = 0; i < Math.min(scanned, MAX_DIGESTS); i++) {
            recoveredDigests.add(digests[i]);
        }
        // compaction may have moved older records behind newer ones: the order is the sequence. A copy whose
        // original was not deleted yet (a crash in between) comes after it in a stable sort and is left out.
        waiting.sort(Comparator.comparingLong(Pending::seq));
        long previous = -1;
        for (Pending pending : waiting) {
            if (pending.seq == previous) {
                recovered.decrementAndGet();
                continue;
            }
            previous = pending.seq;
            enqueue(pending);
        }
        nextSeq = maxSeq + 1;
        // keep appending to the last segment; remove the others that hold nothing
        if (!segments.isEmpty()) {
            active = segments.lastEntry().getValue();
        } else {
            active = Segment.open(settings.dir(), nextSeq, 0);
            segments.put(nextSeq, active);
        }
        active.active = true;
        for (Segment segment : new ArrayList<>(segments.values())) {
            if (!segment.active && segment.live == 0) {
                segments.remove(segment.firstSeq);
                segment.closeAndDelete();
            }
        }
        if (recovered.get() > 0 || tornTails.get() > 0 || corruptRecords.get() > 0) {
            LOG.info("spool: recovered {} waiting message(s) from {} segment(s); {} torn tail(s), {} corrupt",
                    recovered.get(), segments.size(), tornTails.get(), corruptRecords.get());
        }
    }

    /** Appends a message received from a local device (or made by the gateway itself). */
    public synchronized Outcome append(String topic, byte[] payload, int qos, boolean retain, long nowMillis)
            throws IOException {
        if (nowMillis < dedupeUntil && !recoveredDigests.isEmpty()
                && recoveredDigests.remove(digest(topic, payload))) {
            duplicates.incrementAndGet();
            return Outcome.DUPLICATE;
        }
        SpoolRecord record = new SpoolRecord(nextSeq, nowMillis, qos, retain, topic, payload);
        MessageClass messageClass = MessageClass.of(topic);
        int frameLength = record.frameLength();
        while (pendingBytes + frameLength > settings.maxBytes() && dropOldestStatus()) {
            // dropped one; try again
        }
        if (pendingBytes + frameLength > settings.maxBytes()) {
            if (messageClass.droppable()) {
                dropped.incrementAndGet();
                return Outcome.DROPPED;
            }
            overBound.incrementAndGet();
        }
        if (active.size() + frameLength > settings.segmentBytes() && active.size() > 0) {
            roll();
        }
        ByteBuffer frame = record.encode();
        long offset = active.append(frame);
        nextSeq++;
        enqueue(new Pending(record.seq(), active, offset, frameLength, messageClass, deviceKey(topic), nowMillis));
        compactIfNeeded();
        notifyAll();
        return Outcome.APPENDED;
    }

    /**
     * Keeps the disk bounded: a segment stays on disk while any of its records waits, so a few states or events
     * could pin many segments of dropped or sent statuses. When the segment files exceed the bound by more than one
     * segment, the waiting records of the oldest segment are copied to the active one (same sequence numbers, so the
     * drain order does not change; after a crash the copy whose original still exists is ignored, and recovery orders
     * by sequence) and the old file is deleted. Skipped while one of them is in flight.
     */
    private void compactIfNeeded() throws IOException {
        long disk = 0;
        for (Segment segment : segments.values()) {
            disk += segment.size();
        }
        if (disk <= settings.maxBytes() + settings.segmentBytes()) {
            return;
        }
        Segment oldest = segments.firstEntry().getValue();
        if (oldest.active) {
            return;
        }
        List<Pending> moving = new ArrayList<>();
        for (Pending pending : urgent) {
            if (pending.segment == oldest) {
                moving.add(pending);
            }
        }
        for (ArrayDeque<Pending> queue : statusByDevice.values()) {
            for (Pending pending : queue) {
                if (pending.segment == oldest) {
                    moving.add(pending);
                }
            }
        }
        if (moving.size() != oldest.live) {
            return; // some are in flight: try again later
        }
        for (Pending pending : moving) {
            ByteBuffer frame = oldest.read(pending.offset, pending.frameLength).encode();
            // into the active segment even past its size: a new segment here could take the active one's name
            pending.offset = active.append(frame);
            pending.segment = active;
            oldest.live--;
            active.live++;
        }
        active.force();
        compacted.addAndGet(moving.size());
        deleteIfEmpty(oldest);
    }

    private void roll() throws IOException {
        active.force();
        active.active = false;
        Segment previous = active;
        active = Segment.open(settings.dir(), nextSeq, 0);
        active.active = true;
        segments.put(nextSeq, active);
        deleteIfEmpty(previous);
    }

    /** Forces everything appended so far to the disk. */
    public void sync() throws IOException {
        Segment current;
        synchronized (this) {
            current = active;
        }
        // a segment rolled over meanwhile was forced when it was closed for appends
        current.force();
    }

    /**
     * The next message to send upstream, now in flight; null when none waits. Every message returned must come back
     * through {@link #done} or {@link #requeue}.
     */
    public synchronized Pending next() {
        Pending next = urgent.poll();
        if (next == null) {
            String device = rotation.poll();
            if (device == null) {
                return null;
            }
            ArrayDeque<Pending> queue = statusByDevice.get(device);
            next = queue.poll();
            if (queue.isEmpty()) {
                statusByDevice.remove(device);
            } else {
                rotation.add(device);
            }
        }
        next.state = Pending.State.IN_FLIGHT;
        inFlight++;
        return next;
    }

    /** Waits up to {@code timeout} for a message to send. */
    public synchronized void awaitWork(long timeout, TimeUnit unit) throws InterruptedException {
        if (urgent.isEmpty() && rotation.isEmpty()) {
            TimeUnit.MILLISECONDS.timedWait(this, Math.max(1, unit.toMillis(timeout)));
        }
    }

    /** Reads a message back from the disk (no lock: positional reads). */
    public SpoolRecord read(Pending pending) throws IOException {
        return pending.segment.read(pending.offset, pending.frameLength);
    }

    /** The district broker acknowledged the message: it leaves the log. Idempotent. */
    public synchronized void done(Pending pending) {
        if (pending.state != Pending.State.IN_FLIGHT) {
            return;
        }
        inFlight--;
        remove(pending);
    }

    /** Messages that were in flight when the uplink broke go back to the front of their queues, in order. */
    public synchronized void requeue(List<Pending> inFlightMessages) {
        List<Pending> sorted = new ArrayList<>(inFlightMessages);
        sorted.sort(Comparator.comparingLong(Pending::seq).reversed());
        for (Pending pending : sorted) {
            if (pending.state != Pending.State.IN_FLIGHT) {
                continue;
            }
            inFlight--;
            pending.state = Pending.State.QUEUED;
            if (pending.messageClass.droppable()) {
                ArrayDeque<Pending> queue = statusByDevice.get(pending.device);
                if (queue == null) {
                    queue = new ArrayDeque<>();
                    statusByDevice.put(pending.device, queue);
                    rotation.addFirst(pending.device);
                }
                queue.addFirst(pending);
            } else {
                urgent.addFirst(pending);
            }
        }
        notifyAll();
    }

    private void enqueue(Pending pending) {
        pending.segment.live++;
        pendingCount++;
        pendingBytes += pending.frameLength;
        if (pending.messageClass.droppable()) {
            statusByDevice.computeIfAbsent(pending.device, d -> {
                rotation.add(d);
                return new ArrayDeque<>();
            }).add(pending);
        } else {
            urgent.add(pending);
        }
    }

    /** Drops the oldest status still queued (not in flight); false when there is none. */
    private boolean dropOldestStatus() {
        String oldestDevice = null;
        long oldestSeq = Long.MAX_VALUE;
        for (Map.Entry<String, ArrayDeque<Pending>> entry : statusByDevice.entrySet()) {
            Pending head = entry.getValue().peek();
            if (head != null && head.seq < oldestSeq) {
                oldestSeq = head.seq;
                oldestDevice = entry.getKey();
            }
        }
        if (oldestDevice == null) {
            return false;
        }
        ArrayDeque<Pending> queue = statusByDevice.get(oldestDevice);
        Pending victim = queue.poll();
        if (queue.isEmpty()) {
            statusByDevice.remove(oldestDevice);
            rotation.remove(oldestDevice);
        }
        dropped.incrementAndGet();
        remove(victim);
        return true;
    }

    private void remove(Pending pending) {
        pending.state = Pending.State.DONE;
        pendingCount--;
        pendingBytes -= pending.frameLength;
        Segment segment = pending.segment;
        segment.live--;
        try {
            segment.markDone(pending.seq);
            deleteIfEmpty(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("spool: cannot note that record " + pending.seq + " left the log", e);
        }
    }

    private void deleteIfEmpty(Segment segment) throws IOException {
        if (!segment.active && segment.live == 0) {
            segments.remove(segment.firstSeq);
            segment.closeAndDelete();
        }
    }

    private String deviceKey(String topic) {
        int start = topic.indexOf('/') + 1;
        int end = topic.indexOf('/', start);
        String id = end > start ? topic.substring(start, end) : topic;
        String known = devices.get(id);
        if (known != null) {
            return known;
        }
        if (devices.size() >= MAX_DEVICES) {
            return "";
        }
        devices.put(id, id);
        return id;
    }

    private static long digest(String topic, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(topic.getBytes(StandardCharsets.UTF_8));
        crc.update(0);
        crc.update(payload);
        return (crc.getValue() << 32) | (payload.length & 0xffffffffL);
    }

    /** Messages waiting (queued or in flight). */
    public synchronized long depth() {
        return pendingCount;
    }

    /** Bytes on disk of the messages waiting. */
    public synchronized long bytes() {
        return pendingBytes;
    }

    /** Messages sent upstream and not yet acknowledged. */
    public synchronized long inFlight() {
        return inFlight;
    }

    /** Segment files on disk. */
    public synchronized int segmentCount() {
        return segments.size();
    }

    /** Distinct devices whose messages passed through the log since it was opened (or were found in it). */
    public synchronized int devicesSeen() {
        return devices.size();
    }

    /** Distinct devices seen, not counting {@code id} (the gateway itself). */
    public synchronized int devicesSeenExcept(String id) {
        return devices.size() - (devices.containsKey(id) ? 1 : 0);
    }

    /** When the oldest waiting message arrived, or -1 when none waits. */
    public synchronized long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        Pending head = urgent.peek();
        if (head != null) {
            oldest = head.arrivedMillis;
        }
        for (ArrayDeque<Pending> queue : statusByDevice.values()) {
            Pending first = queue.peek();
            if (first != null && first.arrivedMillis < oldest) {
                oldest = first.arrivedMillis;
            }
        }
        return oldest == Long.MAX_VALUE ? -1 : oldest;
    }

    public long dropped() {
        return dropped.get();
    }

    public long tornTails() {
        return tornTails.get();
    }

    public long corruptRecords() {
        return corruptRecords.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long recovered() {
        return recovered.get();
    }

    public long overBound() {
        return overBound.get();
    }

    /** Records copied out of old segments to keep the disk bounded. */
    public long compacted() {
        return compacted.get();
    }

    /** Bytes of the segment files on disk. */
    public synchronized long diskBytes() {
        long disk = 0;
        for (Segment segment : segments.values()) {
            disk += segment.size();
        }
        return disk;
    }

    public SpoolSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() throws IOException {
        if (active != null) {
            active.force();
        }
        for (Segment segment : segments.values()) {
            segment.close();
        }
        segments.clear();
    }
}

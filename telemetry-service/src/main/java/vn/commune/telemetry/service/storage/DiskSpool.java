package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk spool: batches InfluxDB could not take, in append-only segment files of length+CRC32 framed records
 * ({@link SpoolFormat}), bounded by {@code maxBytes}. Appends are group-committed: what arrives while a flush runs is
 * written together and made durable by one fsync. Replay reads the oldest record first ({@link #peek()}) and a
 * segment is deleted once all its records are acknowledged ({@link #ack}). A torn or corrupt record (a crash while
 * appending) ends its segment's valid part with a WARN. All file I/O runs on an ordered worker; the methods are called
 * from the writer's context.
 */
final class DiskSpool {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);

    /** An append waiting for its group commit. */
    private record PendingAppend(byte[] framed, Promise<Void> done) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final WorkerExecutor worker;
    private final SpoolScanner scanner;
    private final AtomicLong diskBytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();

    // confined to the worker
    private final Deque<SpoolSegment> sealed = new ArrayDeque<>();
    private SpoolSegment active;
    private SpoolSegment reading;
    private long readPosition;
    private FileChannel readChannel;
    private long nextSequence = 1;

    // confined to the writer's context
    private List<PendingAppend> pending = new ArrayList<>();
    private boolean flushing;
    private long reservedBytes;
    private Promise<Void> idle;

    DiskSpool(Path dir, long maxBytes, WorkerExecutor worker, StorageMetrics metrics) {
        this(dir, maxBytes, Math.max(4L << 10, Math.min(64L << 20, maxBytes / 8)), worker, metrics);
    }

    DiskSpool(Path dir, long maxBytes, long segmentBytes, WorkerExecutor worker, StorageMetrics metrics) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.worker = worker;
        this.scanner = new SpoolScanner(metrics);
    }

    /** Creates the directory and takes stock of the segments a previous run left. */
    Future<Void> open() {
        return worker.executeBlocking(() -> {
            Files.createDirectories(dir);
            List<SpoolSegment> segments = scanner.scan(dir);
            nextSequence = SpoolScanner.lastSequence(segments, dir) + 1;
            for (SpoolSegment segment : segments) {
                sealed.addLast(segment);
                diskBytes.addAndGet(segment.size);
                records.addAndGet(segment.records);
            }
            if (records.get() > 0) {
                LOG.info("spool {} holds {} batches ({} bytes) from a previous run; replaying them", dir,
                        records.get(), diskBytes.get());
            }
            return null;
        }, true);
    }

    /** Whether a record of this payload size fits under the bound (an empty spool takes any record). */
    boolean hasRoomFor(long payloadBytes) {
        long used = diskBytes.get() + reservedBytes;
        return used == 0 || used + SpoolFormat.FRAME_BYTES + payloadBytes <= maxBytes;
    }

    /** Appends a record; the Future completes once it is fsynced (together with the rest of its group). */
    Future<Void> append(byte[] payload) {
        PendingAppend append = new PendingAppend(SpoolFormat.frame(payload), Promise.promise());
        pending.add(append);
        reservedBytes += append.framed().length;
        if (!flushing) {
            flushPending();
        }
        return append.done().future();
    }

    private void flushPending() {
        List<PendingAppend> group = pending;
        pending = new ArrayList<>();
        flushing = true;
        worker.executeBlocking(() -> {
            writeGroup(group);
            return null;
        }, true).onComplete(result -> {
            flushing = false;
            for (PendingAppend append : group) {
                reservedBytes -= append.framed().length;
                if (result.succeeded()) {
                    append.done().complete();
                } else {
                    append.done().fail(result.cause());
                }
            }
            if (!pending.isEmpty()) {
                flushPending();
            } else if (idle != null) {
                idle.tryComplete();
            }
        });
    }

    private void writeGroup(List<PendingAppend> group) throws IOException {
        if (active == null || active.size >= segmentBytes) {
            sealActive();
            startSegment();
        }
        ByteBuffer[] buffers = new ByteBuffer[group.size()];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(group.get(i).framed());
            total += buffers[i].remaining();
        }
        long start = active.size;
        try {
            long written = 0;
            while (written < total) {
                written += active.channel.write(buffers);
            }
            active.channel.force(false);
        } catch (IOException e) {
            LOG.debug("cannot append to spool segment {}: {}", active.path, e.toString());
            try {
                active.channel.truncate(start);
                active.channel.position(start);
            } catch (IOException again) {
                active.validEnd = start;
                sealActive();
            }
            throw e;
        }
        syncs.incrementAndGet();
        active.size += total;
        active.validEnd += total;
        active.records += group.size();
        diskBytes.addAndGet(total);
        records.addAndGet(group.size());
    }

    private void startSegment() throws IOException {
        long sequence = nextSequence++;
        Path path = dir.resolve(SpoolSegment.fileName(sequence));
        SpoolSegment segment = new SpoolSegment(path, sequence, SpoolFormat.HEADER_BYTES, SpoolFormat.HEADER_BYTES, 0);
        segment.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segment.channel.write(SpoolFormat.header());
        segment.channel.force(true);
        syncDirectory();
        diskBytes.addAndGet(SpoolFormat.HEADER_BYTES);
        active = segment;
    }

    private void sealActive() throws IOException {
        if (active == null) {
            return;
        }
        SpoolSegment segment = active;
        active = null;
        segment.closeChannel();
        if (segment.records > 0) {
            sealed.addLast(segment);
        } else {
            Files.deleteIfExists(segment.path);
            diskBytes.addAndGet(-segment.size);
        }
    }

    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    /** The oldest record not yet acknowledged, or null when the spool is empty. */
    Future<SpoolRecord> peek() {
        return worker.executeBlocking(this::readOldest, true);
    }

    private SpoolRecord readOldest() throws IOException {
        while (true) {
            if (reading == null) {
                if (sealed.isEmpty()) {
                    if (active == null || active.records == 0) {
                        return null;
                    }
                    sealActive();
                }
                reading = sealed.peekFirst();
                readPosition = SpoolFormat.HEADER_BYTES;
                readChannel = FileChannel.open(reading.path, StandardOpenOption.READ);
            }
            if (readPosition >= reading.validEnd) {
                finishReading();
                continue;
            }
            SpoolFormat.Read read = SpoolFormat.readRecord(readChannel, readPosition, reading.validEnd);
            if (!read.ok()) {
                scanner.reportCorrupt(reading.path, readPosition, reading.validEnd, read.problem());
                records.addAndGet(-reading.records);
                reading.records = 0;
                finishReading();
                continue;
            }
            SpoolFormat.Payload payload = SpoolFormat.decodePayload(read.payload());
            return new SpoolRecord(reading.sequence, readPosition, read.end(), payload.receivedAt(), payload.lines());
        }
    }

    /** The record is written: forgets it, deleting its segment once all the segment's records are written. */
    Future<Void> ack(SpoolRecord record) {
        return worker.executeBlocking(() -> {
            if (reading == null) {
                return null; // acknowledged before, and its segment finished
            }
            if (reading.sequence == record.segment() && readPosition == record.start()) {
                readPosition = record.end();
                reading.records--;
                records.decrementAndGet();
            } else if (reading.sequence != record.segment() || readPosition != record.end()) {
                throw new IllegalStateException("spool acknowledgement out of order: segment " + record.segment()
                        + " offset " + record.start());
            }
            if (readPosition >= reading.validEnd) {
                finishReading();
            }
            return null;
        }, true);
    }

    private void finishReading() throws IOException {
        SpoolSegment done = reading;
        if (readChannel != null) {
            readChannel.close();
            readChannel = null;
        }
        Files.deleteIfExists(done.path);
        reading = null;
        sealed.remove(done);
        diskBytes.addAndGet(-done.size);
    }

    /** Waits for the appends under way, then closes the files; what is not replayed stays for the next run. */
    Future<Void> close() {
        Future<Void> drained;
        if (flushing || !pending.isEmpty()) {
            idle = Promise.promise();
            drained = idle.future();
        } else {
            drained = Future.succeededFuture();
        }
        return drained.compose(v -> worker.executeBlocking(() -> {
            if (readChannel != null) {
                readChannel.close();
                readChannel = null;
            }
            reading = null;
            sealActive();
            return null;
        }, true));
    }

    /** Records (batches) in the spool, not yet replayed. */
    long records() {
        return records.get();
    }

    /** Bytes the spool's segment files occupy. */
    long bytes() {
        return diskBytes.get();
    }

    /** The bound on {@link #bytes()}. */
    long maxBytes() {
        return maxBytes;
    }

    /** Group commits (fsyncs of appended records) so far. */
    long syncs() {
        return syncs.get();
    }
}

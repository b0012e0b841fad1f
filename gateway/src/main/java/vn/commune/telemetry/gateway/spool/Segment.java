package vn.commune.telemetry.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * One append-only file of the log ({@code <firstSeq>.seg}) and its done-file ({@code <firstSeq>.done}: the sequence
 * numbers of its records that left the log, 8 bytes each). Both are deleted together once every record is done.
 */
final class Segment {

    final long firstSeq;
    final Path file;
    final Path doneFile;
    private final FileChannel channel;
    private final FileChannel doneChannel;
    private long size;
    int live;
    boolean active;

    private Segment(long firstSeq, Path file, Path doneFile, FileChannel channel, FileChannel doneChannel, long size) {
        this.firstSeq = firstSeq;
        this.file = file;
        this.doneFile = doneFile;
        this.channel = channel;
        this.doneChannel = doneChannel;
        this.size = size;
    }

    static Path fileOf(Path dir, long firstSeq) {
        return dir.resolve(String.format("%020d.seg", firstSeq));
    }

    static Path doneFileOf(Path dir, long firstSeq) {
        return dir.resolve(String.format("%020d.done", firstSeq));
    }

    /** Opens (creating when absent) the segment starting at {@code firstSeq}; {@code size} bytes are kept. */
    static Segment open(Path dir, long firstSeq, long size) throws IOException {
        Path file = fileOf(dir, firstSeq);
        Path done = doneFileOf(dir, firstSeq);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (channel.size() > size) {
            channel.truncate(size);
            channel.force(true);
        }
        FileChannel doneChannel = FileChannel.open(done, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new Segment(firstSeq, file, done, channel, doneChannel, size);
    }

    /** The sequence numbers written to a done-file (a torn last entry is ignored). */
    static Set<Long> readDone(Path doneFile) throws IOException {
        Set<Long> done = new HashSet<>();
        if (!Files.exists(doneFile)) {
            return done;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(doneFile));
        while (bytes.remaining() >= 8) {
            done.add(bytes.getLong());
        }
        return done;
    }

    /** Appends a frame; returns its offset. */
    long append(ByteBuffer frame) throws IOException {
        long offset = size;
        int length = frame.remaining();
        while (frame.hasRemaining()) {
            channel.write(frame, size + (length - frame.remaining()));
        }
        size += length;
        return offset;
    }

    long size() {
        return size;
    }

    /** Reads the record of a frame written earlier. */
    SpoolRecord read(long offset, int frameLength) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(frameLength);
        while (frame.hasRemaining()) {
            if (channel.read(frame, offset + frame.position()) < 0) {
                throw new IOException(file + ": record at " + offset + " is past the end of the file");
            }
        }
        byte[] body = new byte[frameLength - SpoolRecord.HEADER];
        System.arraycopy(frame.array(), SpoolRecord.HEADER, body, 0, body.length);
        SpoolRecord record = SpoolRecord.decodeBody(body, body.length);
        if (record == null || !SpoolRecord.checksumMatches(body, body.length, frame.getInt(4))) {
            throw new IOException(file + ": record at " + offset + " no longer matches its checksum");
        }
        return record;
    }

    /** Notes that a record left the log (not forced: a lost note only means a duplicate after a crash). */
    void markDone(long seq) throws IOException {
        ByteBuffer entry = ByteBuffer.allocate(8).putLong(0, seq);
        while (entry.hasRemaining()) {
            doneChannel.write(entry);
        }
    }

    void force() throws IOException {
        channel.force(false);
    }

    void closeAndDelete() throws IOException {
        channel.close();
        doneChannel.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(doneFile);
    }

    void close() throws IOException {
        channel.close();
        doneChannel.close();
    }
}

package vn.commune.telemetry.service.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One append-only segment file of the spool and what is known of it: its size on disk, where its valid records end
 * (a torn tail is left out), and how many records are not yet replayed. Confined to the spool's worker thread.
 */
final class SpoolSegment {

    final Path path;
    final long sequence;
    long size;
    long validEnd;
    int records;
    FileChannel channel;

    SpoolSegment(Path path, long sequence, long size, long validEnd, int records) {
        this.path = path;
        this.sequence = sequence;
        this.size = size;
        this.validEnd = validEnd;
        this.records = records;
    }

    void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }

    static String fileName(long sequence) {
        return String.format("segment-%020d.spool", sequence);
    }
}

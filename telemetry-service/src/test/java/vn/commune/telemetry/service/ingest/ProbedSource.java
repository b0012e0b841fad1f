package vn.commune.telemetry.service.ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;

/**
 * In-memory bytes that count how they are read: one byte at a time, in blocks, and how often asked what they have
 * (on a socket, each a system call).
 */
final class ProbedSource extends FilterInputStream {

    int singleReads;
    int blockReads;
    int availableAsks;

    ProbedSource(byte[] bytes) {
        super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read() throws IOException {
        singleReads++;
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        blockReads++;
        return super.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        availableAsks++;
        return super.available();
    }
}

package vn.commune.telemetry.service.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes stock of the segments a previous run left in the spool directory, checking every record's frame and CRC32.
 * A torn or corrupt record ends its segment's valid part (WARN, counted); a file that is not a segment is moved
 * aside to {@code *.corrupt}; a segment without a valid record is deleted. Never fails for bad content. Blocking.
 */
final class SpoolScanner {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolScanner.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{20})\\.spool");

    private final StorageMetrics metrics;

    SpoolScanner(StorageMetrics metrics) {
        this.metrics = metrics;
    }

    /** The valid segments, oldest first. The directory must exist. */
    List<SpoolSegment> scan(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        List<SpoolSegment> segments = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            long sequence = Long.parseLong(name.substring("segment-".length(), name.length() - ".spool".length()));
            SpoolSegment segment = scanSegment(file, sequence);
            if (segment != null) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The highest sequence number among the segment files (also those moved aside or deleted), 0 when none. */
    static long lastSequence(List<SpoolSegment> segments, Path dir) throws IOException {
        long last = segments.stream().mapToLong(s -> s.sequence).max().orElse(0);
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.toList()) {
                Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString().replace(".corrupt", ""));
                if (matcher.matches()) {
                    last = Math.max(last, Long.parseLong(matcher.group(1)));
                }
            }
        }
        return last;
    }

    private SpoolSegment scanSegment(Path file, long sequence) throws IOException {
        long size;
        long position = SpoolFormat.HEADER_BYTES;
        int count = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            if (!SpoolFormat.hasHeader(channel)) {
                if (size >= SpoolFormat.HEADER_BYTES) {
                    Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                    LOG.warn("spool file {} is not a spool segment; moved aside to {}", file, aside);
                    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                    return null;
                }
                position = size;
            }
            while (position < size) {
                SpoolFormat.Read read = SpoolFormat.readRecord(channel, position, size);
                if (!read.ok()) {
                    reportCorrupt(file, position, size, read.problem());
                    break;
                }
                position = read.end();
                count++;
            }
        }
        if (count == 0) {
            Files.delete(file);
            return null;
        }
        return new SpoolSegment(file, sequence, size, position, count);
    }

    /** Logs and counts a record that cannot be read; the rest of its segment is skipped. */
    void reportCorrupt(Path file, long position, long end, String problem) {
        LOG.warn("spool segment {}: {} at offset {}; skipping the remaining {} bytes (a crash while appending leaves "
                + "a torn tail)", file, problem, position, end - position);
        metrics.spoolCorruptRecord();
    }
}

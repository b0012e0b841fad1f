package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies reading from files and the size limits. */
class InventoryFilesTest {

    /** Verifies that problems in a file name the file as given. */
    @Test
    void problemNamesTheFile(@TempDir Path directory) throws IOException {
        Path path = directory.resolve("bad.yaml");
        String yaml = "version: 1\nlevels: [a]\nplaces:\n  - {id: x, name: X, level: a, population: 1, lat: 1}\n";
        Files.writeString(path, yaml, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> InventoryReader.read(path))
                .hasMessage(path + ":2: levels: must name 2 to 6 levels, not 1");
    }

    /** Verifies that a file saved with a UTF-8 byte order mark reads like one without. */
    @Test
    void byteOrderMark(@TempDir Path directory) throws IOException, InventoryException {
        Path path = directory.resolve("bom.yaml");
        Files.writeString(path, "\uFEFF" + Fixtures.resource("small.yaml"), StandardCharsets.UTF_8);
        assertThat(InventoryReader.read(path)).isEqualTo(Fixtures.small());
    }

    /** Verifies that the reader given to {@code read} is left open for its owner to close. */
    @Test
    void readerLeftOpen() throws IOException, InventoryException {
        StringReader reader = new StringReader(Fixtures.resource("small.yaml"));
        InventoryReader.read(reader, "small.yaml");
        assertThat(reader.ready()).isTrue();
    }

    /** Verifies that a missing file is reported, not thrown as an I/O exception. */
    @Test
    void missingFile(@TempDir Path directory) {
        Path path = directory.resolve("none.yaml");
        assertThatThrownBy(() -> InventoryReader.read(path)).isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(path + ": cannot read: ");
    }

    /** Verifies that a file over 50 MB is refused before it is read. */
    @Test
    void fileTooLarge(@TempDir Path directory) throws IOException {
        Path path = directory.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(InventoryReader.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> InventoryReader.read(path))
                .hasMessage(path + ": the file is 52428801 bytes, more than the 52428800 allowed");
    }

    /** Verifies that a reader giving more than 50 M characters is cut off. */
    @Test
    void streamTooLarge() {
        assertThatThrownBy(() -> InventoryReader.read(new EndlessComment(), "stream"))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith("stream: the file is larger than 52428800 characters");
    }

    /** A reader of one comment line after another, forever. */
    private static final class EndlessComment extends Reader {

        private static final char[] LINE = ("# " + "x".repeat(1021) + "\n").toCharArray();
        private int position;

        @Override
        public int read(char[] buffer, int offset, int length) {
            int n = Math.min(length, LINE.length - position);
            System.arraycopy(LINE, position, buffer, offset, n);
            position = (position + n) % LINE.length;
            return n;
        }

        @Override
        public void close() {
            position = 0;
        }
    }
}

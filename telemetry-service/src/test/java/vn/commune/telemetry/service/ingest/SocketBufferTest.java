package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SocketBufferTest {

    /** A source that counts how often it is asked what it has (each ask a system call on a socket). */
    private static final class Probed extends FilterInputStream {
        int asked;

        Probed(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int available() throws IOException {
            asked++;
            return super.available();
        }
    }

    @Test
    void answersAvailableFromTheBufferWhileItHoldsBytes() throws IOException {
        Probed source = new Probed(new byte[100]);
        BufferedSocketFactory.SocketBuffer buffer = new BufferedSocketFactory.SocketBuffer(source);

        assertThat(buffer.available()).as("empty buffer: the source is asked").isEqualTo(100);
        assertThat(source.asked).isEqualTo(1);

        assertThat(buffer.read()).isZero();
        for (int left = 99; left > 0; left--) {
            assertThat(buffer.available()).isEqualTo(left);
            assertThat(buffer.read()).isZero();
        }
        assertThat(source.asked).as("never asked while the buffer held bytes").isEqualTo(1);

        assertThat(buffer.available()).as("drained: the source is asked again").isZero();
        assertThat(source.asked).isEqualTo(2);
        assertThat(buffer.read()).isEqualTo(-1);
    }

    @Test
    void aClosedBufferStillRefusesToAnswer() throws IOException {
        BufferedSocketFactory.SocketBuffer buffer = new BufferedSocketFactory.SocketBuffer(new Probed(new byte[10]));
        assertThat(buffer.read()).isZero();
        buffer.close();

        assertThatThrownBy(buffer::available).isInstanceOf(IOException.class);
    }
}

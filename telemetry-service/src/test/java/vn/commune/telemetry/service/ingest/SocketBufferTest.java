package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SocketBufferTest {

    @Test
    void answersAvailableFromTheBufferWhileItHoldsBytes() throws IOException {
        ProbedSource source = new ProbedSource(new byte[100]);
        BufferedSocketFactory.SocketBuffer buffer = new BufferedSocketFactory.SocketBuffer(source);

        assertThat(buffer.available()).as("empty buffer: the source is asked").isEqualTo(100);
        assertThat(source.availableAsks).isEqualTo(1);

        assertThat(buffer.read()).isZero();
        for (int left = 99; left > 0; left--) {
            assertThat(buffer.available()).isEqualTo(left);
            assertThat(buffer.read()).isZero();
        }
        assertThat(source.availableAsks).as("never asked while the buffer held bytes").isEqualTo(1);

        assertThat(buffer.available()).as("drained: the source is asked again").isZero();
        assertThat(source.availableAsks).isEqualTo(2);
        assertThat(buffer.read()).isEqualTo(-1);
    }

    @Test
    void aClosedBufferStillRefusesToAnswer() throws IOException {
        BufferedSocketFactory.SocketBuffer buffer =
                new BufferedSocketFactory.SocketBuffer(new ProbedSource(new byte[10]));
        assertThat(buffer.read()).isZero();
        buffer.close();

        assertThatThrownBy(buffer::available).isInstanceOf(IOException.class);
    }
}

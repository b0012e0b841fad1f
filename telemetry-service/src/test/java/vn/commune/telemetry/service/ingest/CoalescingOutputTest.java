package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingOutputTest {

    private final ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1);
    /** The output's clock: moved by hand, so which flush falls in which window is decided here. */
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Sink socket = new Sink();
    private final CoalescingOutput out = new CoalescingOutput(socket, flusher, clock::get);

    /** The socket: what reached it, in how many writes. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int failAtWrite = -1;
        boolean closed;

        @Override
        public synchronized void write(int b) {
            throw new AssertionError("single bytes are never written to the socket");
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            writes++;
            if (writes == failAtWrite) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized int writes() {
            return writes;
        }
    }

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    private void send(String packet) throws IOException {
        out.write(packet.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Verifies that a flush after a quiet window reaches the socket before flush returns. */
    @Test
    void aLonePacketLeavesAtOnce() throws IOException {
        send("ping");
        assertThat(socket.text()).isEqualTo("ping");

        clock.addAndGet(CoalescingOutput.WINDOW_NANOS);
        send("ack1");
        assertThat(socket.text()).isEqualTo("pingack1");
        assertThat(socket.writes()).isEqualTo(2);
        assertThat(flusher.getQueue()).isEmpty();
    }

    /** Verifies that flushes within a window leave together, in order, when it ends. */
    @Test
    void aBurstLeavesInOneWriteAtTheEndOfTheWindow() throws IOException {
        send("a1,");
        for (int i = 2; i <= 500; i++) {
            clock.addAndGet(1_000); // 500 acknowledgements within half a window
            send("a" + i + ",");
        }
        assertThat(socket.writes()).as("only the first left at once").isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> socket.writes() == 2);
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            expected.append('a').append(i).append(',');
        }
        assertThat(socket.text()).isEqualTo(expected.toString());
    }

    /** Verifies that a packet larger than the buffer goes out whole, after what was written before it. */
    @Test
    void aLargePacketKeepsItsPlace() throws IOException {
        send("first");
        clock.addAndGet(10_000);
        send("second");
        byte[] large = new byte[40_000];
        Arrays.fill(large, (byte) 'x');
        out.write(large);
        out.flush();

        assertThat(socket.text()).isEqualTo("firstsecond" + "x".repeat(40_000));
    }

    /** Verifies that a deferred write that failed makes the next write, flush and close fail as the socket did. */
    @Test
    void aFailedDeferredWriteIsReportedByTheNextCall() throws IOException {
        socket.failAtWrite = 2;
        send("ok");
        clock.addAndGet(10_000);
        send("lost");
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.writes() == 2);

        assertThatThrownBy(() -> send("next")).isInstanceOf(IOException.class).hasMessage("Broken pipe");
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class).hasMessage("Broken pipe");
        out.close();
        assertThat(socket.closed).isTrue();
        assertThat(socket.text()).isEqualTo("ok");
    }

    /** Verifies that closing sends what waits for the end of a window (a DISCONNECT), then closes the socket. */
    @Test
    void closeSendsWhatIsPending() throws IOException {
        send("ack");
        clock.addAndGet(10_000);
        send("disconnect");
        out.close();

        assertThat(socket.text()).isEqualTo("ackdisconnect");
        assertThat(socket.closed).isTrue();
        assertThatThrownBy(() -> send("late")).isInstanceOf(IOException.class);
    }

    /** Verifies that without its flusher (the connection closing) a flush writes at once. */
    @Test
    void withoutTheFlusherFlushesWriteAtOnce() throws IOException {
        flusher.shutdown();
        send("a");
        clock.addAndGet(10_000);
        send("b");
        assertThat(socket.text()).isEqualTo("ab");
        assertThat(socket.writes()).isEqualTo(2);
    }
}

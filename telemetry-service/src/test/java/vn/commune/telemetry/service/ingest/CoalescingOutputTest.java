package vn.commune.telemetry.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalescingOutputTest {

    /**
     * The flusher, driven by hand: it keeps what is scheduled (and after how long) until the test runs it, so which
     * flush falls in which window never depends on how fast this machine runs the test.
     */
    private static final class ManualFlusher extends ScheduledThreadPoolExecutor {
        private final List<Runnable> due = new ArrayList<>();
        private final List<Long> delays = new ArrayList<>();

        ManualFlusher() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (isShutdown()) {
                throw new RejectedExecutionException("shut down");
            }
            due.add(task);
            delays.add(unit.toNanos(delay));
            return null;
        }

        /** Runs what is scheduled, as the end of its window would. */
        void endWindow() {
            List<Runnable> tasks;
            synchronized (this) {
                tasks = new ArrayList<>(due);
                due.clear();
            }
            tasks.forEach(Runnable::run);
        }

        synchronized int scheduled() {
            return due.size();
        }

        synchronized List<Long> delays() {
            return List.copyOf(delays);
        }
    }

    private final ManualFlusher flusher = new ManualFlusher();
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
        assertThat(flusher.scheduled()).isZero();
    }

    /** Verifies that flushes within a window leave together, in order, when it ends, and not before. */
    @Test
    void aBurstLeavesInOneWriteAtTheEndOfTheWindow() throws IOException {
        send("a1,");
        for (int i = 2; i <= 500; i++) {
            clock.addAndGet(1_000); // 500 acknowledgements within half a window
            send("a" + i + ",");
        }
        assertThat(socket.writes()).as("only the first left at once").isEqualTo(1);
        assertThat(flusher.delays()).as("one deferred write, due when the window of the first ends")
                .containsExactly(CoalescingOutput.WINDOW_NANOS - 1_000);

        flusher.endWindow();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            expected.append('a').append(i).append(',');
        }
        assertThat(socket.text()).isEqualTo(expected.toString());
        assertThat(socket.writes()).isEqualTo(2);

        clock.addAndGet(1_000);
        send("next");
        assertThat(socket.writes()).as("a window starts again after the deferred write").isEqualTo(2);
        flusher.endWindow();
        assertThat(socket.text()).endsWith("a500,next");
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
        flusher.endWindow();
        assertThat(socket.writes()).isEqualTo(2);

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
        flusher.endWindow();
        assertThat(socket.writes()).as("the window's end finds nothing to send").isEqualTo(2);
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

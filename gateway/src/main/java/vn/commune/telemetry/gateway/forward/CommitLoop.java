package vn.commune.telemetry.gateway.forward;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.gateway.health.GatewayMetrics;
import vn.commune.telemetry.gateway.spool.SpoolLog;

/**
 * Group commit: one thread forces the log to disk and only then releases the local broker's acknowledgements of the
 * messages the force covers. No message is acknowledged before it is on disk, so no acknowledged message is at risk
 * on a power cut; a message is acknowledged at most {@code interval} plus one fsync after it arrived.
 */
public final class CommitLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLoop.class);

    /** An acknowledgement to release once the log is forced. */
    public interface Ack {
        void release();
    }

    private record Waiting(Ack ack, long arrivedNanos) {
    }

    private final SpoolLog log;
    private final long intervalNanos;
    private final GatewayMetrics metrics;
    private final Thread thread;
    private List<Waiting> waiting = new ArrayList<>();
    private volatile boolean running = true;

    public CommitLoop(SpoolLog log, Duration interval, GatewayMetrics metrics) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.metrics = metrics;
        this.thread = new Thread(this::run, "spool-commit");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Releases {@code ack} after the next force of the log (the message was appended before this call). */
    public synchronized void afterSync(Ack ack) {
        waiting.add(new Waiting(ack, System.nanoTime()));
        notifyAll();
    }

    private void run() {
        long lastSync = System.nanoTime() - intervalNanos;
        while (running) {
            List<Waiting> batch;
            try {
                synchronized (this) {
                    while (running && waiting.isEmpty()) {
                        wait(1000);
                    }
                    long due = lastSync + intervalNanos - System.nanoTime();
                    if (due > 0) {
                        TimeUnit.NANOSECONDS.timedWait(this, due);
                    }
                    batch = waiting;
                    waiting = new ArrayList<>();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            long start = System.nanoTime();
            try {
                log.sync();
            } catch (IOException e) {
                // nothing is acknowledged: the local broker keeps the messages and delivers them again
                LOG.error("spool: cannot force the log to disk; {} message(s) left unacknowledged", batch.size(), e);
                metrics.syncFailed();
                continue;
            }
            long end = System.nanoTime();
            lastSync = end;
            metrics.synced(end - start, batch.size());
            for (Waiting w : batch) {
                metrics.acknowledged(end - w.arrivedNanos());
                w.ack().release();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

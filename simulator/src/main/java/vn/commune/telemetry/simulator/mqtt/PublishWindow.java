package vn.commune.telemetry.simulator.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds the QoS 1 messages published but not yet acknowledged by the broker, across every connection: when the
 * broker is slower than the simulation, publishing blocks (and simulated time lags) instead of queueing without
 * end. Counts what was acknowledged and what failed.
 */
public final class PublishWindow {

    private final int size;
    private final Semaphore permits;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private volatile boolean aborted;

    /** A window of {@code size} messages. */
    public PublishWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + size);
        }
        this.size = size;
        this.permits = new Semaphore(size);
    }

    /** Waits for room for one more message; interrupted (also) when the window is aborted. */
    public void acquire() throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (aborted) {
                throw new InterruptedException("publishing aborted");
            }
        }
    }

    /** Makes waiting publishers give up: the run is being stopped. */
    public void abort() {
        aborted = true;
    }

    /** The broker acknowledged a message, or it failed. */
    public void complete(Throwable failure) {
        if (failure == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            lastFailure.set(failure);
        }
        permits.release();
    }

    /** Waits until every message published so far is acknowledged or failed; false on timeout. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        if (!permits.tryAcquire(size, timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(size);
        return true;
    }

    /** Messages waiting for their acknowledgement. */
    public int inFlight() {
        return size - permits.availablePermits();
    }

    /** Messages the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Messages whose publication failed. */
    public long failed() {
        return failed.get();
    }

    /** The last failure, or null. */
    public Throwable lastFailure() {
        return lastFailure.get();
    }
}

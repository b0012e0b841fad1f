package vn.commune.telemetry.service.ingest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The count of messages handed to the service and not yet finished, with a bound and a low-water mark. The reader
 * (Paho's callback thread) takes a place per message; at the bound it waits until the count has fallen to the
 * low-water mark. So while a backlog keeps the service at its bound the reader is woken once per many finished
 * messages, not once per acknowledgement. Thread-safe.
 */
final class InFlightBound {

    private final int bound;
    private final int lowWater;
    private final AtomicInteger held = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomy = lock.newCondition();
    private volatile boolean waiting;

    /** A bound of {@code bound} places whose waiter wakes at {@code lowWater} held, {@code 0 <= lowWater < bound}. */
    InFlightBound(int bound, int lowWater) {
        if (bound < 1 || lowWater < 0 || lowWater >= bound) {
            throw new IllegalArgumentException("bound " + bound + " with low-water mark " + lowWater);
        }
        this.bound = bound;
        this.lowWater = lowWater;
    }

    /** Takes a place, or answers false, without waiting, when all are held. */
    boolean tryTake() {
        int current;
        do {
            current = held.get();
            if (current >= bound) {
                return false;
            }
        } while (!held.compareAndSet(current, current + 1));
        return true;
    }

    /**
     * Waits until at most the low-water mark is held, or the timeout has passed.
     *
     * @return whether the count is at or below the low-water mark
     */
    boolean awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            waiting = true;
            while (held.get() > lowWater) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = roomy.awaitNanos(nanos);
            }
            return true;
        } finally {
            waiting = false;
            lock.unlock();
        }
    }

    /** Gives a place back; wakes the waiter once the count is down to the low-water mark. */
    void release() {
        int now = held.decrementAndGet();
        if (now <= lowWater && waiting) {
            lock.lock();
            try {
                roomy.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The places held now. */
    int held() {
        return held.get();
    }
}

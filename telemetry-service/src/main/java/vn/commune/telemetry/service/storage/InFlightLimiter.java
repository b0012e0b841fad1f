package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Permits for HTTP writes in flight ({@code maxInFlight}), shared by live batches and the spool replayer. Waiters are
 * served first come, first served; a permit nobody waits for is announced to {@code onPermitFree}. Confined to the
 * writer's context.
 */
final class InFlightLimiter {

    private final Deque<Promise<Void>> waiters = new ArrayDeque<>();
    private final Runnable onPermitFree;
    private int available;
    private int inFlight;
    private int maxSeen;

    InFlightLimiter(int permits, Runnable onPermitFree) {
        this.available = permits;
        this.onPermitFree = onPermitFree;
    }

    /** Takes a permit if one is free and nobody waits for it. */
    boolean tryAcquire() {
        if (available > 0 && waiters.isEmpty()) {
            available--;
            taken();
            return true;
        }
        return false;
    }

    /** A permit, now or when one is released. */
    Future<Void> acquire() {
        if (tryAcquire()) {
            return Future.succeededFuture();
        }
        Promise<Void> waiter = Promise.promise();
        waiters.add(waiter);
        return waiter.future();
    }

    void release() {
        inFlight--;
        Promise<Void> waiter = waiters.poll();
        if (waiter != null) {
            taken();
            waiter.complete();
        } else {
            available++;
            onPermitFree.run();
        }
    }

    int inFlight() {
        return inFlight;
    }

    /** The most permits ever held at once (for tests and diagnostics). */
    int maxInFlightSeen() {
        return maxSeen;
    }

    private void taken() {
        inFlight++;
        maxSeen = Math.max(maxSeen, inFlight);
    }
}

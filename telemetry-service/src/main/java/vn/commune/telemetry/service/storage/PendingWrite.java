package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** One caller's {@link PointSink#write} call: completes when all of its lines are durable. Confined to one context. */
final class PendingWrite {

    private final Promise<Void> promise = Promise.promise();
    private int remaining;

    PendingWrite(int lines) {
        this.remaining = lines;
    }

    Future<Void> future() {
        return promise.future();
    }

    /** Some of this call's lines are durable; completes the call when none is left. */
    void linesDurable(int count) {
        remaining -= count;
        if (remaining <= 0) {
            promise.tryComplete();
        }
    }

    void fail(Throwable cause) {
        promise.tryFail(cause);
    }
}

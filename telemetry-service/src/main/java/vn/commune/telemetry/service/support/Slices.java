package vn.commune.telemetry.service.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Work over many items on the event loop, in slices of at most {@value #SLICE_MILLIS} ms each, so that other events
 * are handled in between: a slice by time, not by count, since what one item costs differs a hundredfold between a
 * cold and a warm JVM (measured: 500 devices of a first present-state sweep held the loop 261 ms).
 */
public final class Slices {

    /** The longest a slice holds the event loop, roughly (one item more may run past it). */
    public static final long SLICE_MILLIS = 20;

    private Slices() {
    }

    /**
     * Runs {@code action} on every remaining item, a slice per turn of the event loop; call it on the event loop.
     * The Future completes after the last item, or fails with the first exception (the rest are not run).
     */
    public static <T> Future<Void> forEach(Vertx vertx, Iterator<T> items, Consumer<? super T> action) {
        Promise<Void> done = Promise.promise();
        slice(vertx, items, action, done);
        return done.future();
    }

    private static <T> void slice(Vertx vertx, Iterator<T> items, Consumer<? super T> action, Promise<Void> done) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
        try {
            while (items.hasNext()) {
                action.accept(items.next());
                if (System.nanoTime() - end > 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            done.fail(e);
            return;
        }
        if (items.hasNext()) {
            vertx.runOnContext(v -> slice(vertx, items, action, done));
        } else {
            done.complete();
        }
    }
}

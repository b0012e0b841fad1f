package vn.commune.telemetry.service.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether InfluxDB takes writes now, as the last write or probe found. While it does not, live batches go straight to
 * the spool and only the replayer talks to InfluxDB (with backoff). Logs each change once: WARN when InfluxDB stops
 * taking writes, INFO when it takes them again. Changed on the writer's context; read from anywhere.
 */
final class Reachability {

    private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);

    private final String url;
    private final Runnable onReachable;
    private final Runnable onUnreachable;
    private volatile boolean reachable;
    private boolean known;
    private WriteOutcome lastFailure;

    Reachability(String url, Runnable onReachable, Runnable onUnreachable) {
        this.url = url;
        this.onReachable = onReachable;
        this.onUnreachable = onUnreachable;
    }

    boolean isReachable() {
        return reachable;
    }

    void reachable() {
        if (reachable) {
            return;
        }
        reachable = true;
        if (known) {
            LOG.info("InfluxDB at {} takes writes again", url);
        } else {
            LOG.debug("InfluxDB at {} answers", url);
        }
        known = true;
        onReachable.run();
    }

    /** The answer that last found InfluxDB not taking writes (its {@code Retry-After} sets the next attempt). */
    WriteOutcome lastFailure() {
        return lastFailure;
    }

    void unreachable(WriteOutcome why) {
        lastFailure = why;
        if (!reachable && known) {
            return;
        }
        reachable = false;
        known = true;
        LOG.warn("InfluxDB at {} does not take writes ({}{}); batches go to the on-disk spool and are replayed when "
                + "it does", url, why.status() == 0 ? "" : "HTTP " + why.status() + ": ", why.detail());
        onUnreachable.run();
    }
}

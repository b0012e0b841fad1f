package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;
import vn.commune.telemetry.service.support.Slices;

/**
 * Start-up recovery, the one time state reads storage. The stored transitions are the history; each device's
 * evidence ({@link DeviceEvidence}) is rebuilt from them over the window in which messages are still accepted: a
 * sign-of-life transition starts a life run, a timeout ends it at the last sign of life it carries, an offline
 * announcement or Will is a mark. What the transitions do not say is read from the stored messages: every state
 * message of the window (an offline announcement that changed nothing, being a repeat, still matters if late data
 * lands before it), and each device's last stored sign of life (where the run going on now ends).
 *
 * <p>That is enough because a message is stored only after the transitions it changed are durable, and acknowledged
 * after both (see the ingest pipeline): every stored message has been folded with its consequences stored, and one
 * that was not stored is delivered again by the broker. The caller starts recovery once both writers' spools are
 * empty, so that InfluxDB has everything. Then every device is folded once from its rebuilt evidence, and what
 * differs from the stored history (nothing, normally) is written. Reads, rebuilding and folding run on a worker
 * (nothing else touches the records before they are installed); only writing what differs is on the event loop.
 */
public final class StateRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StateRecovery.class);

    /**
     * What the stored messages add to the transitions.
     *
     * @param states   per device: every state message of the window
     * @param lastLife per device: the last sign of life stored within the window
     */
    public record Stored(Map<String, List<Evidence>> states, Map<String, Long> lastLife) {
    }

    /** Where the stored messages are read from ({@link #influx} reads InfluxDB). */
    @FunctionalInterface
    public interface Source {

        /** The stored messages recovery needs: see {@link Stored}. */
        Future<Stored> read(long windowStart, long until);
    }

    private final Vertx vertx;
    private final Source source;
    private final StateTracker tracker;
    private final StateHistory history;

    public StateRecovery(Vertx vertx, Source source, StateTracker tracker, StateHistory history) {
        this.vertx = vertx;
        this.source = source;
        this.tracker = tracker;
        this.history = history;
    }

    /**
     * Rebuilds every device's evidence and folds it.
     *
     * @param loaded the stored transitions (already in {@link StateHistory}), for the last signs of life of timeouts
     * @param stored what {@link #read} answered
     * @param now    the present
     * @return how many devices' stored history recovery changed
     */
    public Future<Integer> recover(TransitionStore.Loaded loaded, Future<Stored> stored, long now) {
        long windowStart = now - tracker.window();
        Inventory inventory = tracker.inventory();
        return stored
                .compose(read -> vertx.executeBlocking(() -> {
                    Map<String, StateTracker.Tracked> rebuilt = rebuildAll(inventory, loaded, read, windowStart, now);
                    List<StateTracker.Refold> changes = new ArrayList<>();
                    for (StateTracker.Tracked tracked : rebuilt.values()) {
                        StateTracker.Refold refold = tracker.refold(tracked, 0, now);
                        if (refold != null) {
                            changes.add(refold);
                        }
                    }
                    return new Rebuilt(rebuilt, changes);
                }, false))
                .compose(rebuilt -> {
                    tracker.install(rebuilt.devices(), inventory);
                    if (!rebuilt.changes().isEmpty()) {
                        LOG.info("State: recovery changes the stored history of {} device(s)",
                                rebuilt.changes().size());
                    }
                    // what is written is not waited for: should this run end before it is durable, the next start
                    // derives the same from the same storage
                    return Slices.forEach(vertx, rebuilt.changes().iterator(), tracker::apply)
                            .map(rebuilt.changes().size());
                });
    }

    /** Every device's rebuilt record, and the folds that differ from the stored history (none, normally). */
    private record Rebuilt(Map<String, StateTracker.Tracked> devices, List<StateTracker.Refold> changes) {
    }

    /**
     * Reads what the stored messages add (see {@link Stored}); started early, beside the load of the transitions.
     *
     * @param until the latest instant a stored message may have (the present and the accepted clock lead)
     * @param now   the present
     */
    public Future<Stored> read(long until, long now) {
        return source.read(now - tracker.window(), until);
    }

    /** The stored messages in InfluxDB ({@code state}, {@code status}, {@code event}). */
    public static Source influx(InfluxHttpClient influx) {
        return (windowStart, until) -> read(influx, windowStart, until);
    }

    private static Future<Stored> read(InfluxHttpClient influx, long windowStart, long until) {
        String window = " WHERE time >= " + QueryRows.time(windowStart) + " AND time <= " + QueryRows.time(until)
                + " GROUP BY " + QueryRows.identifier(StorageSchema.DEVICE);
        String last = window + " ORDER BY time DESC LIMIT 1";
        String query = String.join("; ",
                "SELECT " + QueryRows.identifier(StorageSchema.STATE_FIELD) + ", "
                        + QueryRows.identifier(StorageSchema.WILL) + " FROM "
                        + QueryRows.identifier(StorageSchema.STATE) + window,
                "SELECT " + QueryRows.identifier(StorageSchema.VERSION) + " FROM "
                        + QueryRows.identifier(StorageSchema.STATUS) + last,
                "SELECT " + QueryRows.identifier(StorageSchema.VERSION) + " FROM "
                        + QueryRows.identifier(StorageSchema.EVENT) + last);
        Stored stored = new Stored(new HashMap<>(), new HashMap<>());
        return influx.queryOffLoop(query, row -> {
            String device = row.tags().get(StorageSchema.DEVICE);
            if (device == null) {
                return;
            }
            long at = row.time();
            if (row.statement() == 0) {
                Evidence e = "online".equals(row.value(StorageSchema.STATE_FIELD)) ? new Evidence(at, Cause.ONLINE)
                        : new Evidence(at, Boolean.TRUE.equals(row.value(StorageSchema.WILL)) ? Cause.WILL
                        : Cause.OFFLINE);
                stored.states().computeIfAbsent(device, k -> new ArrayList<>()).add(e);
            } else {
                stored.lastLife().merge(device, at, Math::max);
            }
        }).map(stored);
    }

    private Map<String, StateTracker.Tracked> rebuildAll(Inventory inventory, TransitionStore.Loaded loaded,
            Stored stored, long windowStart, long now) {
        Map<String, StateTracker.Tracked> all = tracker.fresh(inventory, now);
        for (StateTracker.Tracked tracked : all.values()) {
            String id = tracked.device.id();
            DeviceEvidence evidence = rebuild(history.of(id), windowStart, loaded.lastLife().get(id),
                    stored.lastLife().get(id), tracked.intervalMs);
            for (Evidence e : stored.states().getOrDefault(id, List.of())) {
                evidence.add(e, tracked.intervalMs, tracked.timeoutMs);
            }
            tracked.evidence = evidence;
            Transition last = history.of(id).last();
            if (last != null && last.cause() == Cause.TIMEOUT && evidence.lastLife()
                    && last.at() > evidence.lastAt()) {
                // the timeout after the last sign of life was concluded before: it stands until evidence says other
                tracked.silentAt = evidence.lastAt() + tracked.timeoutMs + 1;
            }
        }
        return all;
    }

    /**
     * A device's evidence as the transitions from {@code windowStart} on imply it.
     *
     * @param history        the device's transitions
     * @param windowStart    evidence before this can no longer change (older messages are refused)
     * @param timeoutLife    for timeouts, the last sign of life before them (when stored with them)
     * @param openRunEnd     the last sign of life stored, for the run going on at the end (if any)
     * @param intervalMs     the device's status interval (for timeouts stored without their last sign of life)
     */
    static DeviceEvidence rebuild(HistorySnapshot history, long windowStart, Map<Long, Long> timeoutLife,
            Long openRunEnd, long intervalMs) {
        if (history.size() == 0) {
            return DeviceEvidence.empty();
        }
        // from the last transition at or before the window's start (the state there), or from the window's start
        int first = history.firstAfter(windowStart) - 1;
        long seedAt = first < 0 ? windowStart : history.at(first) - 1;
        FoldState seed = new FoldState(seedAt, false, history.causeAt(seedAt));
        first = Math.max(0, first);
        DeviceEvidence evidence = null;
        long runStart = Long.MIN_VALUE;
        Cause runCause = null;
        for (int i = first; i < history.size(); i++) {
            long at = history.at(i);
            Cause cause = history.cause(i);
            if (cause == Cause.TIMEOUT) {
                long lastLife = timeoutLife != null && timeoutLife.containsKey(at) ? timeoutLife.get(at)
                        : at - intervalMs;
                if (runCause == null) {
                    // the window begins with a timeout: the run before it lies before the window
                    if (evidence == null) {
                        seed = new FoldState(lastLife, true, Cause.STATUS);
                    }
                } else {
                    evidence = started(evidence, seed);
                    evidence.append(runStart, Math.max(runStart, lastLife), runCause);
                    runCause = null;
                }
                continue;
            }
            if (cause.state() == DeviceState.ONLINE) {
                runStart = at;
                runCause = cause;
                continue;
            }
            if (cause == Cause.OFFLINE || cause == Cause.WILL) {
                evidence = started(evidence, seed);
                if (runCause != null) {
                    evidence.append(runStart, Math.max(runStart, at - 1), runCause);
                    runCause = null;
                }
                evidence.append(at, at, cause);
            }
        }
        evidence = started(evidence, seed);
        if (runCause != null) {
            long end = openRunEnd == null ? runStart : Math.max(runStart, openRunEnd);
            evidence.append(runStart, end, runCause);
        }
        evidence.knownUntil(evidence.lastAt());
        return evidence;
    }

    private static DeviceEvidence started(DeviceEvidence evidence, FoldState seed) {
        if (evidence != null) {
            return evidence;
        }
        return new DeviceEvidence(seed, Long.MIN_VALUE);
    }
}

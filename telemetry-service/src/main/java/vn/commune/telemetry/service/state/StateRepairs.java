package vn.commune.telemetry.service.state;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.storage.StorageGauges;

/**
 * Folds devices again from storage: those with evidence too late for memory, those that fell silent (to conclude
 * the timeout on what is stored, which any instance may have written), and every device at start. Batches devices
 * whose repaints start close together into one query; waits while stored messages are still in the spool (storage
 * would not have them yet); at most two queries in flight.
 */
public final class StateRepairs {

    private static final Logger LOG = LoggerFactory.getLogger(StateRepairs.class);
    private static final long SPREAD_MS = 3_600_000L;
    private static final int MAX_IN_FLIGHT = 2;

    private final Vertx vertx;
    private final StateTracker tracker;
    private final EvidenceSource reader;
    private final StorageGauges storage;
    private final StateSettings settings;
    private final StateMetrics metrics;
    private long timer = -1;
    private int inFlight;
    private long lastWarning = System.nanoTime() - 60_000_000_000L;

    public StateRepairs(Vertx vertx, StateTracker tracker, EvidenceSource reader, StorageGauges storage,
            StateSettings settings, StateMetrics metrics) {
        this.vertx = vertx;
        this.tracker = tracker;
        this.reader = reader;
        this.storage = storage;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Starts the periodic repair pass. */
    public void start() {
        timer = vertx.setPeriodic(settings.repairPeriod().toMillis(), id -> pass());
    }

    /** Stops it. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Whether every device has been folded from storage at least once and nothing waits. */
    public boolean idle() {
        // with no read in flight no device is being repaired, so every dirty device is waiting
        return inFlight == 0 && tracker.dirtyDevices() == 0;
    }

    /** One pass: groups the waiting devices and queries storage for as many groups as may be in flight. */
    void pass() {
        if (inFlight >= MAX_IN_FLIGHT || storage.spooledBytes() > 0 || !storage.influxReachable()) {
            return;
        }
        List<DeviceTrack> dirty = tracker.dirtyTracks();
        if (dirty.isEmpty()) {
            return;
        }
        dirty.sort(Comparator.comparingLong(StateRepairs::cut));
        int i = 0;
        while (i < dirty.size() && inFlight < MAX_IN_FLIGHT) {
            long cut = cut(dirty.get(i));
            List<DeviceTrack> group = new ArrayList<>();
            while (i < dirty.size() && group.size() < settings.repairBatch() && cut(dirty.get(i)) - cut <= SPREAD_MS) {
                group.add(dirty.get(i++));
            }
            repair(group, cut);
        }
    }

    /** Where a device's repaint must start: late data can change transitions up to one timeout before it. */
    private static long cut(DeviceTrack track) {
        return track.dirtyFrom - track.timeoutMs - track.intervalMs;
    }

    private void repair(List<DeviceTrack> group, long cut) {
        List<String> ids = new ArrayList<>(group.size());
        List<Long> marks = new ArrayList<>(group.size());
        for (DeviceTrack track : group) {
            ids.add(track.device.id());
            marks.add(track.dirtyFrom);
            track.repairFrom = track.dirtyFrom;
            track.dirtyFrom = Long.MAX_VALUE;
            track.repairing = true;
        }
        inFlight++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("repair cut={} devices={} marks={}", cut, ids, marks);
        }
        long until = tracker.now() + 86_400_000L;
        reader.read(ids, cut, settings.seedLookback().toMillis(), until).onComplete(done -> {
            inFlight--;
            if (done.succeeded()) {
                Map<String, EvidenceReader.Stored> stored = done.result();
                for (DeviceTrack track : group) {
                    if (track.repairing) {
                        tracker.reseed(track, stored.get(track.device.id()), cut);
                    }
                    track.repairFrom = Long.MAX_VALUE;
                }
                metrics.repaired(group.size());
            } else {
                metrics.repairFailed();
                for (int k = 0; k < group.size(); k++) {
                    DeviceTrack track = group.get(k);
                    track.repairing = false;
                    track.repairFrom = Long.MAX_VALUE;
                    track.dirty(marks.get(k));
                    for (Evidence evidence : track.pending) {
                        track.dirty(evidence.at());
                    }
                    track.pending.clear();
                }
                warn(done.cause());
            }
        });
    }

    private void warn(Throwable failure) {
        long now = System.nanoTime();
        if (now - lastWarning > 60_000_000_000L) {
            lastWarning = now;
            LOG.warn("State: cannot read devices' messages back from InfluxDB ({}); retrying", failure.getMessage());
        }
    }
}

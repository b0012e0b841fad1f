package vn.commune.telemetry.simulator.truth;

import java.util.List;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * What really happened to one device during a run.
 *
 * @param deviceId      device id
 * @param kind          kind
 * @param onlineMillis  time online
 * @param offlineMillis time offline
 * @param statusesSent  statuses it sent (duplicates not counted twice, malformed messages not counted)
 * @param states        its online and offline intervals in time order (the first {@value TruthLedger#MAX_KEPT}
 *                      only; the truth file has them all)
 * @param playing       what it played, in time order (same limit)
 */
public record DeviceTruth(String deviceId, DeviceKind kind, long onlineMillis, long offlineMillis,
        long statusesSent, List<TruthRecord.State> states, List<TruthRecord.Playing> playing) {

    /** Copies the lists. */
    public DeviceTruth {
        states = List.copyOf(states);
        playing = List.copyOf(playing);
    }

    /** Online time over online plus offline time, percent; 100 for an empty run. */
    public double uptimePercent() {
        long total = onlineMillis + offlineMillis;
        return total == 0 ? 100 : 100.0 * onlineMillis / total;
    }
}

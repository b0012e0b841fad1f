package vn.commune.telemetry.service.uptime;

import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.DeviceState;

/**
 * A stretch {@code [from, to)} of a device's timeline in one state for one cause.
 *
 * @param from  start, epoch milliseconds
 * @param to    end (exclusive)
 * @param cause why; implies the state
 */
public record Segment(long from, long to, Cause cause) {

    /** The state. */
    public DeviceState state() {
        return cause.state();
    }

    /** Its length in milliseconds. */
    public long millis() {
        return to - from;
    }
}

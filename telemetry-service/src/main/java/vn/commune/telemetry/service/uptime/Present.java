package vn.commune.telemetry.service.uptime;

import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.DeviceState;

/**
 * A device's state now.
 *
 * @param deviceId the device
 * @param cause    why (implies the state)
 * @param since    when that state began (event time), or {@link Long#MIN_VALUE} when it always was
 */
public record Present(String deviceId, Cause cause, long since) {

    /** The state. */
    public DeviceState state() {
        return cause.state();
    }
}

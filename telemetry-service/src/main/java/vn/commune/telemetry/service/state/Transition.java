package vn.commune.telemetry.service.state;

/**
 * From instant {@code at} on, the device is in {@code cause.state()} for {@code cause}, until the next transition.
 *
 * @param at    epoch milliseconds (event time: the device's own timestamps)
 * @param cause why
 */
public record Transition(long at, Cause cause) {

    /** The state it enters. */
    public DeviceState state() {
        return cause.state();
    }
}

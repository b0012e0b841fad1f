package vn.commune.telemetry.service.state;

import java.util.Comparator;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * What one stored message says about a device's reachability, at its own timestamp. Statuses, events and an
 * {@code online} announcement are signs of life; an {@code offline} announcement or a Will says the device is gone.
 *
 * @param at    event time, epoch milliseconds
 * @param cause {@link Cause#STATUS}, {@link Cause#EVENT}, {@link Cause#ONLINE}, {@link Cause#OFFLINE} or
 *              {@link Cause#WILL}
 */
public record Evidence(long at, Cause cause) implements Comparable<Evidence> {

    /** Time order; at the same millisecond signs of life first, so that an offline announcement wins the instant. */
    public static final Comparator<Evidence> ORDER = Comparator.comparingLong(Evidence::at)
            .thenComparingInt(e -> e.cause().ordinal());

    /** Checks the cause. */
    public Evidence {
        if (cause.ordinal() > Cause.WILL.ordinal()) {
            throw new IllegalArgumentException("not a message cause: " + cause);
        }
    }

    /** Whether it is a sign of life. */
    public boolean life() {
        return cause.state() == DeviceState.ONLINE;
    }

    /** The evidence in a decoded message; a Will is placed at {@code receivedAtMillis}. */
    public static Evidence of(Message message, long receivedAtMillis) {
        if (message instanceof StatusMessage status) {
            return new Evidence(status.ts(), Cause.STATUS);
        }
        if (message instanceof EventMessage event) {
            return new Evidence(event.ts(), Cause.EVENT);
        }
        StateMessage state = (StateMessage) message;
        if (state.state() == ConnectionState.ONLINE) {
            return new Evidence(state.timestampOr(receivedAtMillis), Cause.ONLINE);
        }
        return new Evidence(state.timestampOr(receivedAtMillis), state.isWill() ? Cause.WILL : Cause.OFFLINE);
    }

    @Override
    public int compareTo(Evidence other) {
        return ORDER.compare(this, other);
    }
}

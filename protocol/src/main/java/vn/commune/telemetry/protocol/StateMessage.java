package vn.commune.telemetry.protocol;

import java.util.Objects;

/**
 * A connection state announcement on {@code tele/{deviceId}/state} (retained).
 *
 * @param deviceId device id from the topic
 * @param ts       time of the change at the device, epoch milliseconds, or null for the MQTT Will, which the broker
 *                 publishes long after the device configured it: the receiver stamps it on receipt
 * @param state    online or offline
 */
public record StateMessage(String deviceId, Long ts, ConnectionState state) implements Message {

    /**
     * Checks the structure of the message.
     *
     * @throws NullPointerException when {@code deviceId} or {@code state} is null
     */
    public StateMessage {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(state, "state");
    }

    /** The Will a device registers when it connects: {@code offline} with no timestamp. */
    public static StateMessage will(String deviceId) {
        return new StateMessage(deviceId, null, ConnectionState.OFFLINE);
    }

    /** Whether this is a Will (no timestamp of its own). */
    public boolean isWill() {
        return ts == null;
    }

    @Override
    public Channel channel() {
        return Channel.STATE;
    }

    @Override
    public long timestampOr(long receivedMillis) {
        return ts == null ? receivedMillis : ts;
    }
}

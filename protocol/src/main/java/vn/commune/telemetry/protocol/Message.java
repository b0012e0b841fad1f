package vn.commune.telemetry.protocol;

/** A validated telemetry message from one device, as the codec decodes it from {@code tele/{deviceId}/...}. */
public sealed interface Message permits StatusMessage, EventMessage, StateMessage {

    /** The device that sent it: the device id level of the topic. */
    String deviceId();

    /** The channel (last topic level) the message belongs on. */
    Channel channel();

    /**
     * The message's timestamp in epoch milliseconds, or {@code receivedMillis} when it carries none (only the MQTT
     * Will, a {@link StateMessage} without {@code ts}, which the receiver stamps on receipt).
     */
    long timestampOr(long receivedMillis);
}

package vn.commune.telemetry.protocol;

import java.util.Optional;

/** The last level of a telemetry topic {@code tele/{deviceId}/{channel}}: which kind of message it carries. */
public enum Channel {
    /** Periodic status ({@link StatusMessage}). */
    STATUS("status"),
    /** Discrete event ({@link EventMessage}). */
    EVENT("event"),
    /** Connection state, retained, also the MQTT Will ({@link StateMessage}). */
    STATE("state");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The topic level used on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The channel with this wire name, or empty when there is none (names are case-sensitive). */
    public static Optional<Channel> fromWire(String name) {
        for (Channel channel : values()) {
            if (channel.wireName.equals(name)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}

package vn.commune.telemetry.protocol;

/** The outcome of {@link Topics#parse(String)}: a telemetry topic of a valid device id, or why it is not one. */
public sealed interface TopicParse permits TopicParse.DeviceTopic, TopicParse.BadTopic {

    /**
     * A valid telemetry topic {@code tele/{deviceId}/{channel}}.
     *
     * @param deviceId the device id level, valid by {@link Topics#isValidDeviceId(String)}
     * @param channel  the last level
     */
    record DeviceTopic(String deviceId, Channel channel) implements TopicParse {
    }

    /**
     * Not a telemetry topic of protocol v1.
     *
     * @param detail what is wrong, without echoing the topic
     */
    record BadTopic(String detail) implements TopicParse {
    }
}

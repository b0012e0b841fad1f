package vn.commune.telemetry.service.ingest;

/**
 * A message as the broker delivered it, before any validation.
 *
 * @param topic            the topic it was published on
 * @param payload          its bytes
 * @param messageId        the MQTT packet id, used to acknowledge it
 * @param qos              its QoS
 * @param receivedAtMillis when the service received it (wall clock)
 * @param connection       which connection of the client delivered it (an ack is only valid on that one)
 * @param gateway          the value of its MQTT 5 user property {@code gateway} (the gateway that forwarded it), null
 *                         when it has none, empty when it has several that differ
 */
public record IncomingMessage(String topic, byte[] payload, int messageId, int qos, long receivedAtMillis,
        long connection, String gateway) {
}

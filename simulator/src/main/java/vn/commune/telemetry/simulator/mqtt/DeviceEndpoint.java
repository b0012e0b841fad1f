package vn.commune.telemetry.simulator.mqtt;

/**
 * A device as the connections see it.
 *
 * @param id            device id (client id and username of its own connection)
 * @param willTopic     its state topic, where its Will goes
 * @param willPayload   its Will
 * @param scheduleTopic the commune schedule topic it subscribes to on its own connection, or null
 */
public record DeviceEndpoint(String id, String willTopic, byte[] willPayload, String scheduleTopic) {
}

package vn.commune.telemetry.gateway.forward;

/** Where the gateway's own messages (its status, its probes' results) go: into the log, like a device's. */
@FunctionalInterface
public interface LocalPublisher {
    void publish(String topic, byte[] payload, int qos, boolean retain);
}

package vn.commune.telemetry.testsupport;

/** An MQTT 5 broker for tests: anonymous, persistent sessions, no in-flight window limit. */
public interface MqttBroker extends ManagedServer {

    /** Messages queued per session at most, as the project's config/mosquitto.conf has it. */
    long MAX_QUEUED = 1_000_000;

    /** Server URI for Paho, for example {@code tcp://127.0.0.1:41883}. */
    default String url() {
        return "tcp://" + host() + ":" + port();
    }
}

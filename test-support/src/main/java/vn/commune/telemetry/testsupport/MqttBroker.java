package vn.commune.telemetry.testsupport;

/**
 * An MQTT 5 broker for tests: persistent sessions, no in-flight window limit; anonymous unless started with a
 * {@link BrokerSecurity} that names a password file.
 */
public interface MqttBroker extends ManagedServer {

    /** Messages queued per session at most, as the project's config/mosquitto.conf has it. */
    long MAX_QUEUED = 1_000_000;

    /** Server URI for Paho, for example {@code tcp://127.0.0.1:41883}. */
    default String url() {
        return "tcp://" + host() + ":" + port();
    }

    /** The TLS listener's port, or -1 when the broker has none. */
    default int tlsPort() {
        return -1;
    }

    /** Server URI of the TLS listener for Paho, for example {@code ssl://127.0.0.1:41884}. */
    default String tlsUrl() {
        if (tlsPort() < 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return "ssl://" + host() + ":" + tlsPort();
    }

    /** Makes the broker read its password and ACL files again (SIGHUP). */
    default void reload() {
        throw new UnsupportedOperationException("this broker cannot reload its files");
    }
}

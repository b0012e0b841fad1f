package vn.commune.telemetry.simulator.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the broker.
 *
 * @param broker         where
 * @param username       user name of pooled and control connections (per-device connections use the device id),
 *                       or null
 * @param password       password of every connection, or null
 * @param maxInFlight    QoS 1 messages awaiting acknowledgement at most, across connections
 * @param nettyThreads   event-loop threads shared by every connection
 * @param connectTimeout how long a connection may take
 * @param runTag         distinguishes this run's pool and control client ids from another simulator's
 */
public record LinkSettings(BrokerAddress broker, String username, String password, int maxInFlight,
        int nettyThreads, Duration connectTimeout, String runTag) {

    /** Checks the values. */
    public LinkSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(runTag, "runTag");
        if (maxInFlight < 1 || nettyThreads < 1) {
            throw new IllegalArgumentException("maxInFlight and nettyThreads must be at least 1");
        }
    }
}

package vn.commune.telemetry.gateway.forward;

import java.time.Duration;

/**
 * How the gateway talks to the district broker.
 *
 * @param endpoint        the district broker
 * @param maxInFlight     messages sent and not yet acknowledged, at most
 * @param bytesPerSecond  limit of what is sent upstream (payload and topic bytes), 0 for none
 * @param keepAlive       MQTT keep-alive: how soon a silent uplink is noticed
 * @param reconnectMin    first wait before connecting again
 * @param reconnectMax    longest wait between attempts (doubling from {@code reconnectMin})
 */
public record UplinkSettings(MqttEndpoint endpoint, int maxInFlight, long bytesPerSecond, Duration keepAlive,
        Duration reconnectMin, Duration reconnectMax) {
}

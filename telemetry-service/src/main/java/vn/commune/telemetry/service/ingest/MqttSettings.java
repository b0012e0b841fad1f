package vn.commune.telemetry.service.ingest;

import java.time.Duration;
import vn.commune.telemetry.protocol.Topics;

/**
 * How the service reaches the broker.
 *
 * @param url             broker URI, {@code tcp://host:port} or {@code ssl://host:port} ({@code mqtt://} and
 *                        {@code mqtts://} are the same)
 * @param username        MQTT username, or null for anonymous
 * @param password        MQTT password, or null
 * @param clientId        this instance's client id; it names the persistent session, so keep it stable
 * @param sharedGroup     shared-subscription group that the instances of the service share
 * @param sessionExpiry   how long the broker keeps the session (and queues QoS 1 messages) while the service is away
 * @param receiveMaximum  how many unacknowledged QoS 1 messages the broker may send at once
 * @param maxInFlight     how many received messages the service holds at most (not yet acknowledged or given up);
 *                        at the bound it stops reading from the broker, which keeps the rest
 * @param keepAlive       MQTT keep-alive
 * @param reconnectMin    first delay before reconnecting
 * @param reconnectMax    longest delay between reconnect attempts
 * @param tls             TLS settings for an {@code ssl://} or {@code mqtts://} URL, else null
 */
public record MqttSettings(String url, String username, String password, String clientId, String sharedGroup,
        Duration sessionExpiry, int receiveMaximum, int maxInFlight, Duration keepAlive, Duration reconnectMin,
        Duration reconnectMax, MqttTls tls) {

    /**
     * Messages held at most unless {@code mqtt.max-in-flight} says otherwise. Enough to keep InfluxDB's writes full
     * (batches of 5,000, two in flight) and no more: what the service holds beyond that only waits in its heap, where
     * G1 copies it from collection to collection and promotes it, while the broker would keep it for nothing. In the
     * ingest benchmark at 256 MB, 8,000 took 37.6–38.5 µs of CPU per message against 45–51 µs at 20,000 (the old
     * default), with throughput as high and acknowledgement latency a third (bench/README.md).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8_000;

    /** Whether the URL asks for TLS. */
    public static boolean isTls(String url) {
        String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("ssl") || scheme.equals("mqtts");
    }

    /**
     * The URL as Paho knows it: Paho has network modules for {@code tcp} and {@code ssl} only, so {@code mqtt://}
     * becomes {@code tcp://} and {@code mqtts://} {@code ssl://}; without a port, 1883 and 8883.
     */
    public String pahoUrl() {
        java.net.URI uri = java.net.URI.create(url);
        boolean tlsUrl = isTls(url);
        int port = uri.getPort() > 0 ? uri.getPort() : tlsUrl ? 8883 : 1883;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return (tlsUrl ? "ssl" : "tcp") + "://" + host + ":" + port;
    }

    /** The topic filter the service subscribes to. */
    public String subscription() {
        return "$share/" + sharedGroup + "/" + Topics.TELEMETRY_FILTER;
    }

    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", clientId=" + clientId + ", sharedGroup=" + sharedGroup + (tls == null ? "" : ", tls=" + tls)
                + "]";
    }
}

package vn.commune.telemetry.simulator.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the broker is: {@code tcp://host:port} or {@code mqtt://host:port} (plain, default port 1883),
 * {@code ssl://} or {@code mqtts://} (TLS with the JVM's trust store, default port 8883).
 *
 * @param host host name or address
 * @param port TCP port
 * @param tls  whether to use TLS
 */
public record BrokerAddress(String host, int port, boolean tls) {

    /**
     * Parses a broker URL.
     *
     * @throws IllegalArgumentException when it is not one of the forms above
     */
    public static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts" -> true;
            default -> throw new IllegalArgumentException("broker URL '" + url
                    + "' must start with tcp://, mqtt://, ssl:// or mqtts://");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL '" + url + "' has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        return new BrokerAddress(uri.getHost(), port, tls);
    }

    @Override
    public String toString() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }
}

package vn.commune.telemetry.service.api;

/**
 * The HTTP server.
 *
 * @param host     address to bind
 * @param port     port to bind (0 picks a free one)
 * @param apiToken bearer token required by {@code /api/*}
 */
public record HttpSettings(String host, int port, String apiToken) {

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=***]";
    }
}

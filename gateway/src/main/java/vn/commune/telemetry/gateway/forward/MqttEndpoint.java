package vn.commune.telemetry.gateway.forward;

/**
 * Where and as whom the gateway connects to a broker.
 *
 * @param url      {@code tcp://host:port} (or {@code ssl://})
 * @param clientId MQTT client id; the session is persistent, so it must stay the same across restarts
 * @param username null for anonymous
 * @param password null for none
 */
public record MqttEndpoint(String url, String clientId, String username, String password) {

    @Override
    public String toString() {
        return url + " as " + clientId + (username == null ? "" : " (user " + username + ")");
    }
}

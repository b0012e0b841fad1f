package vn.commune.telemetry.service.api;

/**
 * The HTTP server.
 *
 * @param host     address to bind
 * @param port     port to bind (0 picks a free one)
 * @param apiToken bearer token of integrations ({@code /api/*} with {@code Authorization: Bearer})
 * @param users          the users file ({@code http.users}, {@code USERS_FILE}; {@code config/users.yaml})
 * @param secureCookies  whether the session cookie is {@code Secure} (served over TLS, here or by a proxy in front;
 *                       true by default when {@code tls} is set)
 * @param sessionTimeout how long a session lives without a request ({@code http.session-timeout}; 8 h)
 * @param tileUrl        map tiles under the dashboard's map ({@code dashboard.tile-url}, {@code DASHBOARD_TILE_URL}:
 *                       {@code https://…/{z}/{x}/{y}.png}), or null for the map alone
 * @param tls            HTTPS ({@code http.tls.*}), or null for plain HTTP
 */
public record HttpSettings(String host, int port, String apiToken, java.nio.file.Path users, boolean secureCookies,
        java.time.Duration sessionTimeout, String tileUrl, HttpTls tls) {

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=***, users=" + users + ", tls=" + tls + "]";
    }
}

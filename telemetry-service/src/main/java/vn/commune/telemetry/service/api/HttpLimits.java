package vn.commune.telemetry.service.api;

import java.time.Duration;

/**
 * What one client may ask of the HTTP server (docs/security.md).
 *
 * @param maxBodyBytes   largest request body ({@code http.max-body}; 256 KiB): larger ones get 413 before they are read
 *                       whole
 * @param maxJsonDepth   deepest nesting of a JSON body ({@code http.max-json-depth}; 16)
 * @param maxUriLength   longest request line's URI ({@code http.max-uri}; 4,096 characters): longer gets 414
 * @param requestTimeout longest time an API request may take before it is answered 503 ({@code
 *                       http.request-timeout}; 60 s; live event streams excepted)
 * @param idleTimeout    a connection that sends nothing for this long is closed ({@code http.idle-timeout}; 2 min)
 * @param apiRate        API requests per second a client may make on average ({@code http.rate-limit.api}; 50)
 * @param apiBurst       API requests a client may make at once ({@code http.rate-limit.api-burst}; 500: an integration
 *                       walking a district's devices)
 * @param anonymousRate  requests per second from one address that is not logged in ({@code
 *                       http.rate-limit.anonymous}; 10)
 * @param loginPerMinute login attempts per minute from one address ({@code http.rate-limit.login}; 30: a district office logging in at
 *                       the start of the day behind one address; wrong passwords are throttled apart)
 */
public record HttpLimits(int maxBodyBytes, int maxJsonDepth, int maxUriLength, Duration requestTimeout,
        Duration idleTimeout, double apiRate, int apiBurst, double anonymousRate, int loginPerMinute) {

    /** The defaults: enough for the dashboard of a busy district office behind one address. */
    public static HttpLimits defaults() {
        return new HttpLimits(256 * 1024, 16, 4096, Duration.ofSeconds(60), Duration.ofMinutes(2), 50, 500, 10, 30);
    }
}

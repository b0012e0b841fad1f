package vn.commune.telemetry.service.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the storage path: where InfluxDB is, how points are batched, and where the on-disk spool and the
 * dead-letter file live. Validated by the caller (the config loader); the constructor only rejects values that would
 * make the storage misbehave (nulls, non-positive sizes), naming the setting.
 *
 * @param influxUrl base URL of InfluxDB's v1 HTTP API, for example {@code http://127.0.0.1:8086}
 * @param database database (InfluxDB 1.x) or database mapped to a bucket (2.x, 3)
 * @param retentionPolicy retention policy to write to and to create, for example {@code ct_400d}; null writes to the
 *        database's default policy and leaves retention to the server
 * @param retention duration of the retention policy {@link InfluxHttpClient#ensureDatabase()} creates
 * @param token API token sent as {@code Authorization: Token …} (InfluxDB 2.x, 3); null when not used
 * @param username user name sent as {@code u} when there is no token; nullable
 * @param password password sent as {@code p} when there is no token; nullable
 * @param batchSize points per HTTP write
 * @param linger how long a partly filled batch waits for more points
 * @param maxInFlight HTTP writes at once (live batches and spool replay together)
 * @param maxBufferedPoints points held in memory before write callers are made to wait
 * @param spoolDir directory of the on-disk spool
 * @param spoolMaxBytes bound of the spool on disk
 * @param deadLetterFile JSON-lines file of points InfluxDB rejected as bad data
 * @param requestTimeout timeout of one HTTP request
 * @param retryMin first delay between attempts while InfluxDB does not accept writes
 * @param retryMax longest delay between attempts (exponential backoff is capped here)
 */
public record StorageConfig(String influxUrl, String database, String retentionPolicy, Duration retention,
        String token, String username, String password, int batchSize, Duration linger, int maxInFlight,
        int maxBufferedPoints, Path spoolDir, long spoolMaxBytes, Path deadLetterFile, Duration requestTimeout,
        Duration retryMin, Duration retryMax) {

    /** Default retention policy name, matching {@link #DEFAULT_RETENTION}. */
    public static final String DEFAULT_RETENTION_POLICY = "ct_400d";
    /** Default retention: 400 days, enough for a year-on-year monthly report. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** Default points per batch. */
    public static final int DEFAULT_BATCH_SIZE = 5000;
    /** Default linger of a partly filled batch. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(100);
    /** Default HTTP writes in flight. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    /** Default points held in memory. */
    public static final int DEFAULT_MAX_BUFFERED_POINTS = 200_000;
    /** Default spool bound: 1 GiB. */
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;
    /** Default HTTP request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default first retry delay. */
    public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
    /** Default longest retry delay. */
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(60);

    /** Rejects values the storage cannot work with; the message names the setting. */
    public StorageConfig {
        Objects.requireNonNull(influxUrl, "influxUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(deadLetterFile, "deadLetterFile");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryMin, "retryMin");
        Objects.requireNonNull(retryMax, "retryMax");
        requirePositive(batchSize, "batchSize");
        requirePositive(maxInFlight, "maxInFlight");
        requirePositive(maxBufferedPoints, "maxBufferedPoints");
        requirePositive(spoolMaxBytes, "spoolMaxBytes");
        requirePositive(requestTimeout.toMillis(), "requestTimeout");
        requirePositive(retryMin.toMillis(), "retryMin");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("retryMax (" + retryMax + ") must not be below retryMin (" + retryMin
                    + ")");
        }
    }

    /**
     * Defaults for everything but the server: retention policy {@value #DEFAULT_RETENTION_POLICY} of 400 days, no
     * credentials, the spool in {@code dataDir/spool} and dead letters in {@code dataDir/dead-letter.jsonl}.
     */
    public static StorageConfig defaults(String influxUrl, String database, Path dataDir) {
        return new StorageConfig(influxUrl, database, DEFAULT_RETENTION_POLICY, DEFAULT_RETENTION, null, null, null,
                DEFAULT_BATCH_SIZE, DEFAULT_LINGER, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_BUFFERED_POINTS,
                dataDir.resolve("spool"), DEFAULT_SPOOL_MAX_BYTES, dataDir.resolve("dead-letter.jsonl"),
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_RETRY_MIN, DEFAULT_RETRY_MAX);
    }

    /**
     * The same server and credentials with files and batching of their own: for a second writer beside the
     * telemetry one (the ordered writer of state points), which must not share the spool or the dead-letter file.
     */
    public StorageConfig withOwnFiles(Path ownSpoolDir, Path ownDeadLetterFile, int ownBatchSize,
            Duration ownLinger, int ownMaxBufferedPoints) {
        return new StorageConfig(influxUrl, database, retentionPolicy, retention, token, username, password,
                ownBatchSize, ownLinger, 1, ownMaxBufferedPoints, ownSpoolDir, spoolMaxBytes, ownDeadLetterFile,
                requestTimeout, retryMin, retryMax);
    }

    /** Whether a token is set (it then wins over user name and password). */
    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /** Whether user name and password are to be sent. */
    public boolean hasUserPassword() {
        return !hasToken() && username != null && !username.isBlank() && password != null;
    }

    /** The same settings with every secret masked, safe to log. */
    @Override
    public String toString() {
        return "StorageConfig[influxUrl=" + influxUrl + ", database=" + database + ", retentionPolicy="
                + retentionPolicy + ", retention=" + retention + ", token=" + mask(token) + ", username=" + username
                + ", password=" + mask(password) + ", batchSize=" + batchSize + ", linger=" + linger
                + ", maxInFlight=" + maxInFlight + ", maxBufferedPoints=" + maxBufferedPoints + ", spoolDir="
                + spoolDir + ", spoolMaxBytes=" + spoolMaxBytes + ", deadLetterFile=" + deadLetterFile
                + ", requestTimeout=" + requestTimeout + ", retryMin=" + retryMin + ", retryMax=" + retryMax + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "****";
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}

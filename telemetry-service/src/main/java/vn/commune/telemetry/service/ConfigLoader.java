package vn.commune.telemetry.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.api.ApiSettings;
import vn.commune.telemetry.service.alert.AlertSettings;
import vn.commune.telemetry.service.alert.SmtpSettings;
import vn.commune.telemetry.service.broadcast.BroadcastSettings;
import vn.commune.telemetry.service.api.HttpLimits;
import vn.commune.telemetry.service.api.HttpSettings;
import vn.commune.telemetry.service.api.HttpTls;
import vn.commune.telemetry.service.config.ConfigException;
import vn.commune.telemetry.service.config.ConfigTree;
import vn.commune.telemetry.service.config.Secrets;
import vn.commune.telemetry.service.coverage.CoverageSettings;
import vn.commune.telemetry.service.ingest.IngestSettings;
import vn.commune.telemetry.service.ingest.MqttSettings;
import vn.commune.telemetry.service.state.StateSettings;
import vn.commune.telemetry.service.storage.StorageConfig;

/**
 * Binds the service configuration at the wiring point: one YAML file, every connection setting overridable from the
 * environment, read into each feature's settings record (storage, state, coverage, ingest, api).
 * Relative paths are taken from the working directory. See the configuration table in the module README.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    /** Reads {@code file} (may be null: environment and defaults only) with {@code env} as the environment. */
    public static ServiceConfig load(Path file, Map<String, String> env) throws ConfigException {
        return fromTree(new ConfigTree(readFile(file), env));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readFile(Path file) throws ConfigException {
        if (file == null) {
            return Map.of();
        }
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return Map.of();
            }
            Object root = YAML.readValue(text, Object.class);
            if (!(root instanceof Map)) {
                throw new ConfigException(file.toString(), "must be a YAML mapping of settings");
            }
            return (Map<String, Object>) root;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such config file");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(file.toString(), "not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    private static ServiceConfig fromTree(ConfigTree t) throws ConfigException {
        Path dataDir = t.path("data-dir", "DATA_DIR", "var");
        String mqttUrl = urlSecrets(t.uri("mqtt.url", "MQTT_URL", "tcp://127.0.0.1:1883", "tcp", "ssl", "mqtt",
                "mqtts")).toString();
        MqttSettings mqtt = new MqttSettings(
                mqttUrl,
                t.string("mqtt.username", "MQTT_USERNAME", null),
                t.secret("mqtt.password", "MQTT_PASSWORD"),
                t.string("mqtt.client-id", "MQTT_CLIENT_ID", "telemetry-service-" + UUID.randomUUID()),
                t.string("mqtt.shared-group", "MQTT_SHARED_GROUP", "telemetry"),
                t.duration("mqtt.session-expiry", null, Duration.ofDays(2)),
                t.integer("mqtt.receive-maximum", null, 10_000, 1, 65_535),
                t.integer("mqtt.max-in-flight", null, MqttSettings.DEFAULT_MAX_IN_FLIGHT, 1, 1_000_000),
                t.duration("mqtt.keep-alive", null, Duration.ofSeconds(30)),
                t.duration("mqtt.reconnect-min", null, Duration.ofSeconds(1)),
                t.duration("mqtt.reconnect-max", null, Duration.ofSeconds(60)),
                TlsConfig.mqtt(t, mqttUrl));
        if (!mqtt.sharedGroup().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("mqtt.shared-group", "letters, digits, '-' and '_' only, got '"
                    + mqtt.sharedGroup() + "'");
        }
        StorageConfig storage = new StorageConfig(
                urlSecrets(t.uri("influx.url", "INFLUX_URL", "http://127.0.0.1:8086", "http", "https")).toString(),
                database(t.string("influx.database", "INFLUX_DB", "commune_telemetry")),
                retentionPolicy(t.string("influx.retention-policy", "INFLUX_RETENTION_POLICY", "ct_400d")),
                t.duration("influx.retention", null, Duration.ofDays(400)),
                t.secret("influx.token", "INFLUX_TOKEN"),
                t.string("influx.username", "INFLUX_USERNAME", null),
                t.secret("influx.password", "INFLUX_PASSWORD"),
                t.integer("influx.batch-size", null, 5_000, 1, 1_000_000),
                t.duration("influx.linger", null, StorageConfig.DEFAULT_LINGER),
                t.integer("influx.max-in-flight", null, 2, 1, 64),
                t.integer("influx.max-buffered-points", null, 200_000, 1, 100_000_000),
                dataDir.resolve("spool"),
                t.longValue("storage.spool-max-bytes", null, 1L << 30, 1L << 20),
                dataDir.resolve("dead-letter.jsonl"),
                t.duration("influx.request-timeout", null, Duration.ofSeconds(10)),
                t.duration("influx.retry-min", null, Duration.ofSeconds(1)),
                t.duration("influx.retry-max", null, Duration.ofSeconds(60)));
        String apiToken = t.secret("http.api-token", "API_TOKEN");
        if (apiToken == null || apiToken.length() < 16) {
            throw new ConfigException("http.api-token (or API_TOKEN)", apiToken == null ? "is required"
                    : "must be at least 16 characters");
        }
        HttpTls httpTls = TlsConfig.http(t);
        HttpSettings http = new HttpSettings(
                t.string("http.host", "HTTP_HOST", "0.0.0.0"),
                t.integer("http.port", "HTTP_PORT", 8080, 0, 65_535),
                apiToken,
                t.path("http.users", "USERS_FILE", "config/users.yaml"),
                t.bool("http.secure-cookies", "HTTP_SECURE_COOKIES", httpTls != null),
                t.duration("http.session-timeout", null, Duration.ofHours(8)),
                tileUrl(t), httpTls);
        IngestSettings ingest = new IngestSettings(
                t.duration("ingest.max-age", null, Duration.ofDays(7)),
                t.duration("ingest.max-ahead", null, Duration.ofMinutes(5)),
                t.integer("ingest.unregistered-max", null, 10_000, 1, 1_000_000));
        Path inventory = t.path("inventory", "INVENTORY", "config/inventory.yaml");
        StateSettings state = state(t, ingest);
        CoverageSettings coverage = coverage(t);
        ApiSettings api = new ApiSettings(
                t.integer("http.sse-max-clients", null, 100, 1, 10_000),
                t.duration("maintenance.refresh-period", null, Duration.ofSeconds(30)),
                t.integer("maintenance.max-windows", null, 10_000, 1, 1_000_000),
                durationOrOff(t, "inventory-watch", Duration.ofSeconds(5)),
                t.duration("state.present-sweep", null, Duration.ofSeconds(1)));
        Duration maxBlock = t.duration("vertx.max-event-loop-block", null, Duration.ofSeconds(2));
        double missBelow = t.decimal("broadcast.miss-below", null, 0.8);
        if (!(missBelow > 0 && missBelow <= 1)) {
            throw new ConfigException("broadcast.miss-below", "must be above 0 and at most 1 (the share of a slot that "
                    + "must be played), got " + missBelow);
        }
        BroadcastSettings broadcast = new BroadcastSettings(
                t.duration("broadcast.emergency-max", null, Duration.ofHours(1)), missBelow,
                t.bool("broadcast.sample-schedules", "BROADCAST_SAMPLE_SCHEDULES", false),
                t.duration("broadcast.sample-back", "BROADCAST_SAMPLE_BACK", Duration.ZERO));
        String webhook = t.string("alerting.webhook-url", "ALERT_WEBHOOK_URL", null);
        String language = t.string("alerting.language", null, "vi");
        if (!language.equals("vi") && !language.equals("en")) {
            throw new ConfigException("alerting.language", "must be vi or en, got '" + language + "'");
        }
        AlertSettings alerting = new AlertSettings(t.path("alerting.rules", "ALERT_RULES", "config/alerts.yaml"),
                webhook == null || webhook.isBlank() ? null : urlSecrets(t.uri("alerting.webhook-url",
                        "ALERT_WEBHOOK_URL", null, "http", "https")),
                t.bool("alerting.log", null, true), language, t.string("alerting.dashboard-url", null, null),
                t.duration("alerting.settle", null, Duration.ofSeconds(60)),
                t.duration("alerting.group-wait", "ALERT_GROUP_WAIT", Duration.ofSeconds(30)),
                durationOrOff(t, "alerting.escalate-after", Duration.ofMinutes(30)),
                t.integer("alerting.max-per-minute", null, 5, 1, 1_000),
                smtp(t),
                t.uri("alerting.telegram.base-url", "TELEGRAM_BASE_URL", "https://api.telegram.org", "http",
                        "https"),
                t.secret("alerting.telegram.bot-token", "TELEGRAM_BOT_TOKEN"),
                t.duration("alerting.broadcast-check", null, Duration.ofMinutes(1)),
                t.duration("alerting.broadcast-grace", null, Duration.ofMinutes(2)));
        HttpLimits limits = limits(t);
        t.rejectUnknownKeys();
        return new ServiceConfig(mqtt, storage, http, ingest, inventory, dataDir, state, coverage, api, maxBlock,
                broadcast, alerting, limits);
    }

    private static HttpLimits limits(ConfigTree t) throws ConfigException {
        HttpLimits d = HttpLimits.defaults();
        double apiRate = rate(t, "http.rate-limit.api", "HTTP_RATE_LIMIT", d.apiRate());
        double anonymousRate = rate(t, "http.rate-limit.anonymous", null, d.anonymousRate());
        return new HttpLimits(
                t.integer("http.max-body", null, d.maxBodyBytes(), 1024, 64 << 20),
                t.integer("http.max-json-depth", null, d.maxJsonDepth(), 2, 1000),
                t.integer("http.max-uri", null, d.maxUriLength(), 256, 65_536),
                t.duration("http.request-timeout", null, d.requestTimeout()),
                t.duration("http.idle-timeout", null, d.idleTimeout()),
                apiRate,
                t.integer("http.rate-limit.api-burst", null, d.apiBurst(), 1, 1_000_000),
                anonymousRate,
                t.integer("http.rate-limit.login", null, d.loginPerMinute(), 1, 1_000_000));
    }

    /** Requests per second: above 0. */
    private static double rate(ConfigTree t, String key, String envVar, double fallback) throws ConfigException {
        double rate = t.decimal(key, envVar, fallback);
        if (!(rate > 0 && rate <= 1_000_000)) {
            throw new ConfigException(key, "must be a number of requests per second above 0, got " + rate);
        }
        return rate;
    }

    /**
     * {@code url}, its password (user info) and query registered as {@linkplain Secrets secrets}: a webhook's or a
     * database's URL often carries a token there, and the log quotes URLs.
     */
    private static URI urlSecrets(URI url) {
        if (url.getRawUserInfo() != null) {
            String info = url.getRawUserInfo();
            Secrets.register(info.contains(":") ? info.substring(info.indexOf(':') + 1) : info);
        }
        if (url.getRawQuery() != null) {
            Secrets.register(url.getRawQuery());
        }
        return url;
    }

    /** A map tile URL template ({@code https://…/{z}/{x}/{y}.png}), or null. */
    private static String tileUrl(ConfigTree t) throws ConfigException {
        String url = t.string("dashboard.tile-url", "DASHBOARD_TILE_URL", null);
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!url.matches("https?://[^\\s\"'<>]+") || !url.contains("{z}") || !url.contains("{x}")
                || !url.contains("{y}")) {
            throw new ConfigException("dashboard.tile-url (or DASHBOARD_TILE_URL)", "must be an http(s) URL with {z}, "
                    + "{x} and {y}, such as https://tile.example.vn/{z}/{x}/{y}.png, got '" + url + "'");
        }
        return url;
    }

    /** The SMTP server, or null when {@code alerting.smtp.host} is not set. */
    private static SmtpSettings smtp(ConfigTree t) throws ConfigException {
        String host = t.string("alerting.smtp.host", "SMTP_HOST", null);
        String securityName = t.string("alerting.smtp.security", "SMTP_SECURITY", "starttls");
        SmtpSettings.Security security = switch (securityName.toLowerCase(Locale.ROOT)) {
            case "starttls" -> SmtpSettings.Security.STARTTLS;
            case "tls" -> SmtpSettings.Security.TLS;
            case "none" -> SmtpSettings.Security.NONE;
            default -> throw new ConfigException("alerting.smtp.security", "must be starttls, tls or none, got '"
                    + securityName + "'");
        };
        int port = t.integer("alerting.smtp.port", "SMTP_PORT", security == SmtpSettings.Security.TLS ? 465
                : security == SmtpSettings.Security.NONE ? 25 : 587, 1, 65_535);
        String username = t.string("alerting.smtp.username", "SMTP_USERNAME", null);
        String password = t.secret("alerting.smtp.password", "SMTP_PASSWORD");
        String from = t.string("alerting.smtp.from", "SMTP_FROM", null);
        boolean trustAll = t.bool("alerting.smtp.trust-all", null, false);
        if (host == null || host.isBlank()) {
            return null;
        }
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new ConfigException("alerting.smtp.from (or SMTP_FROM)", from == null
                    ? "is required with alerting.smtp.host: the sender address" : "'" + from
                            + "' is not an e-mail address");
        }
        if (username != null && password == null) {
            throw new ConfigException("alerting.smtp.password (or SMTP_PASSWORD)", "is required with "
                    + "alerting.smtp.username");
        }
        return new SmtpSettings(host, port, security, username, password, from, trustAll);
    }

    private static StateSettings state(ConfigTree t, IngestSettings ingest) throws ConfigException {
        Map<DeviceKind, Integer> timeouts = new EnumMap<>(DeviceKind.class);
        for (DeviceKind kind : DeviceKind.values()) {
            timeouts.put(kind, t.integer("state.timeout-intervals." + kind.wireName(), null,
                    StateSettings.DEFAULT_TIMEOUT_INTERVALS, 1, 1_000));
        }
        return new StateSettings(timeouts,
                t.duration("state.watchdog-period", null, Duration.ofSeconds(1)),
                t.duration("state.run-marker-period", null, Duration.ofSeconds(15)),
                t.integer("state.history-per-device", null, 20_000, 10, 10_000_000),
                ingest.maxAge());
    }

    private static CoverageSettings coverage(ConfigTree t) throws ConfigException {
        int good = t.integer("coverage.rsrp-good", null, -90, -200, 0);
        int fair = t.integer("coverage.rsrp-fair", null, -105, -200, 0);
        int poor = t.integer("coverage.rsrp-poor", null, -120, -200, 0);
        if (!(good > fair && fair > poor)) {
            throw new ConfigException("coverage.rsrp-good/-fair/-poor", "must fall: good > fair > poor, got " + good
                    + ", " + fair + ", " + poor);
        }
        return new CoverageSettings(good, fair, poor);
    }

    /** A positive ISO-8601 duration, or {@code off} (null). */
    private static Duration durationOrOff(ConfigTree t, String key, Duration fallback) throws ConfigException {
        String value = t.string(key, null, null);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")) {
            return null;
        }
        try {
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (parsed.isNegative() || parsed.isZero()) {
                throw new ConfigException(key, "must be a positive duration or off, got '" + value + "'");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be an ISO-8601 duration such as PT5S, or off, got '" + value + "'");
        }
    }

    /** {@code none} leaves the {@code rp} parameter out, for servers (2.x, 3) whose bucket sets the retention. */
    private static String retentionPolicy(String name) throws ConfigException {
        if (name.equalsIgnoreCase("none")) {
            return null;
        }
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("influx.retention-policy (or INFLUX_RETENTION_POLICY)",
                    "letters, digits, '-' and '_' only, or none, got '" + name + "'");
        }
        return name;
    }

    private static String database(String name) throws ConfigException {
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("influx.database (or INFLUX_DB)", "letters, digits, '-' and '_' only, got '"
                    + name + "'");
        }
        return name;
    }
}

package vn.commune.telemetry.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import vn.commune.telemetry.gateway.forward.MqttEndpoint;
import vn.commune.telemetry.gateway.forward.TrustedCa;
import vn.commune.telemetry.gateway.forward.UplinkSettings;
import vn.commune.telemetry.gateway.probe.ProbeSpec;
import vn.commune.telemetry.gateway.probe.ProbeType;
import vn.commune.telemetry.gateway.spool.SpoolSettings;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.inventory.NodeReader;
import vn.commune.telemetry.inventory.YamlTree;
import vn.commune.telemetry.inventory.YamlTree.Entry;
import vn.commune.telemetry.inventory.YamlTree.MapNode;
import vn.commune.telemetry.inventory.YamlTree.Node;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.protocol.Uplink;

/**
 * Reads the gateway's YAML config (the module README has the reference) with the environment overriding connection
 * settings. Every problem is one line {@code file:line: path: reason}. Relative paths are taken from the working
 * directory.
 */
public final class ConfigReader {

    private static final List<String> ROOT_KEYS = List.of("gateway-id", "uplink", "inventory", "commune", "devices",
            "local", "district", "spool", "status-interval", "http", "probes");
    private static final List<String> MQTT_KEYS = List.of("url", "client-id", "username", "password", "ca-file");
    private static final List<String> DISTRICT_KEYS = List.of("url", "client-id", "username", "password", "ca-file",
            "max-in-flight", "rate-limit", "keep-alive", "reconnect-min", "reconnect-max");
    private static final List<String> SPOOL_KEYS = List.of("dir", "max-bytes", "segment-bytes", "commit-interval",
            "dedupe-window");
    private static final List<String> HTTP_KEYS = List.of("host", "port");
    private static final List<String> PROBE_KEYS = List.of("device", "kind", "type", "target", "interval", "timeout",
            "json-field", "json-equals");
    /** Longest commit interval accepted: the window a message may wait for its fsync and acknowledgement. */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofMillis(200);

    private final String source;
    private final NodeReader nodes;
    private final Map<String, String> env;

    private ConfigReader(String source, Map<String, String> env) {
        this.source = source;
        this.nodes = new NodeReader(source);
        this.env = env;
    }

    /** Reads {@code file} with {@code env} as the environment. */
    public static GatewayConfig read(Path file, Map<String, String> env) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ConfigReader(file.toString(), env).read(YamlTree.parse(reader, file.toString(),
                    "gateway-id, local, district, spool, …"));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        } catch (InventoryException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private GatewayConfig read(MapNode root) throws InventoryException, ConfigException {
        nodes.checkKeys(root, "", ROOT_KEYS);
        String gatewayId = env.getOrDefault("GATEWAY_ID", nodes.text(root, "", "gateway-id"));
        if (gatewayId == null) {
            throw nodes.error(root.line(), "gateway-id", "missing: the gateway's device id");
        }
        if (!Topics.isValidDeviceId(gatewayId)) {
            throw nodes.error(nodes.lineOf(root, "gateway-id"), "gateway-id", "'" + gatewayId
                    + "' is not a device id (1 to 64 of A-Z a-z 0-9 _ -)");
        }
        String uplinkText = nodes.text(root, "", "uplink");
        Uplink uplink = uplinkText == null ? Uplink.FOUR_G : Uplink.fromWire(uplinkText).orElseThrow(() ->
                nodes.error(nodes.lineOf(root, "uplink"), "uplink", "'" + uplinkText + "' is not 4g, fiber or adsl"));

        String inventoryText = env.getOrDefault("INVENTORY", nodes.text(root, "", "inventory"));
        Path inventoryPath = inventoryText == null ? null : Path.of(inventoryText);
        String commune = nodes.text(root, "", "commune");
        Set<String> commandDevices = new LinkedHashSet<>();
        Entry devicesEntry = root.entries().get("devices");
        if (devicesEntry != null) {
            List<Node> items = nodes.list(devicesEntry, "devices");
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                if (!(item instanceof YamlTree.ScalarNode scalar) || !Topics.isValidDeviceId(scalar.text())) {
                    throw nodes.error(item.line(), "devices[" + i + "]", "must be a device id");
                }
                commandDevices.add(scalar.text());
            }
        }
        if (inventoryPath != null) {
            Inventory inventory;
            try {
                inventory = InventoryReader.read(inventoryPath);
            } catch (InventoryException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            Device self = inventory.device(gatewayId).orElseThrow(() -> nodes.error(nodes.lineOf(root, "inventory"),
                    "inventory", "'" + gatewayId + "' is not a device of " + inventoryPath));
            if (self.kind() != DeviceKind.GATEWAY) {
                throw nodes.error(nodes.lineOf(root, "inventory"), "inventory", "'" + gatewayId + "' is a "
                        + self.kind().wireName() + " in " + inventoryPath + ", not a gateway");
            }
            for (Device device : inventory.devicesBehind(gatewayId)) {
                commandDevices.add(device.id());
            }
            if (commune == null) {
                commune = inventory.communeOf(self.placeId()).map(p -> p.id()).orElse(null);
            }
        }
        if (commune != null && !Topics.isValidCommuneId(commune)) {
            throw nodes.error(nodes.lineOf(root, "commune"), "commune", "'" + commune + "' is not a commune id");
        }

        MapNode localNode = section(root, "local", MQTT_KEYS);
        MqttEndpoint local = endpoint(localNode, "local", "LOCAL_MQTT_URL", "tcp://127.0.0.1:1883",
                gatewayId + "-local");
        MapNode districtNode = section(root, "district", DISTRICT_KEYS);
        MqttEndpoint districtEndpoint = endpoint(districtNode, "district", "DISTRICT_MQTT_URL", null, gatewayId);
        int maxInFlight = (int) whole(districtNode, "district", "max-in-flight", 500, 1, 65_535);
        long rate = whole(districtNode, "district", "rate-limit", 0, 0, Long.MAX_VALUE);
        if (env.containsKey("UPLINK_RATE_LIMIT")) {
            rate = parseEnvLong("UPLINK_RATE_LIMIT");
        }
        UplinkSettings district = new UplinkSettings(districtEndpoint, maxInFlight, rate,
                duration(districtNode, "district", "keep-alive", Duration.ofSeconds(30)),
                duration(districtNode, "district", "reconnect-min", Duration.ofSeconds(1)),
                duration(districtNode, "district", "reconnect-max", Duration.ofSeconds(60)));

        MapNode spoolNode = section(root, "spool", SPOOL_KEYS);
        String dirText = env.getOrDefault("SPOOL_DIR", nodes.text(spoolNode, "spool", "dir"));
        Path dir = Path.of(dirText == null ? "var/gateway-spool" : dirText);
        long maxBytes = whole(spoolNode, "spool", "max-bytes", 64L * 1024 * 1024, 64 * 1024, Long.MAX_VALUE);
        long segmentBytes = whole(spoolNode, "spool", "segment-bytes", Math.min(maxBytes, 4L * 1024 * 1024), 4096,
                maxBytes);
        Duration commit = duration(spoolNode, "spool", "commit-interval", Duration.ZERO);
        if (commit.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw nodes.error(nodes.lineOf(spoolNode, "commit-interval"), "spool.commit-interval",
                    "at most PT0.2S (messages wait that long for their acknowledgement)");
        }
        SpoolSettings spool = new SpoolSettings(dir, maxBytes, segmentBytes,
                duration(spoolNode, "spool", "dedupe-window", Duration.ofMinutes(2)));

        Duration statusInterval = duration(root, "", "status-interval", Duration.ofSeconds(30));
        MapNode httpNode = section(root, "http", HTTP_KEYS);
        String host = env.getOrDefault("GATEWAY_HTTP_HOST", textOr(httpNode, "http", "host", "127.0.0.1"));
        int port = (int) whole(httpNode, "http", "port", 9108, 0, 65_535);
        if (env.containsKey("GATEWAY_HTTP_PORT")) {
            port = (int) parseEnvLong("GATEWAY_HTTP_PORT");
        }
        return new GatewayConfig(gatewayId, uplink, inventoryPath, commune, List.copyOf(commandDevices), local,
                district, spool, commit, statusInterval, host, port, probes(root));
    }

    private List<ProbeSpec> probes(MapNode root) throws InventoryException {
        List<ProbeSpec> probes = new ArrayList<>();
        Entry entry = root.entries().get("probes");
        if (entry == null) {
            return probes;
        }
        List<Node> items = nodes.list(entry, "probes");
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "probes[" + i + "]";
            MapNode probe = nodes.map(items.get(i), path);
            nodes.checkKeys(probe, path, PROBE_KEYS);
            String device = required(probe, path, "device");
            if (!Topics.isValidDeviceId(device)) {
                throw nodes.error(nodes.lineOf(probe, "device"), path + ".device", "'" + device
                        + "' is not a device id");
            }
            if (!seen.add(device)) {
                throw nodes.error(nodes.lineOf(probe, "device"), path + ".device", "'" + device
                        + "' is probed twice");
            }
            String kindText = required(probe, path, "kind");
            DeviceKind kind = DeviceKind.fromWire(kindText).filter(k -> k != DeviceKind.GATEWAY).orElseThrow(() ->
                    nodes.error(nodes.lineOf(probe, "kind"), path + ".kind", "'" + kindText
                            + "' is not loudspeaker, wifi or camera"));
            String typeText = required(probe, path, "type");
            ProbeType type = ProbeType.fromWire(typeText).orElseThrow(() -> nodes.error(nodes.lineOf(probe, "type"),
                    path + ".type", "'" + typeText + "' is not tcp, http, rtsp or ping"));
            String target = required(probe, path, "target");
            checkTarget(probe, path, type, target);
            String jsonField = nodes.text(probe, path, "json-field");
            String jsonEquals = nodes.text(probe, path, "json-equals");
            if ((jsonField != null || jsonEquals != null) && type != ProbeType.HTTP) {
                throw nodes.error(nodes.lineOf(probe, jsonField != null ? "json-field" : "json-equals"), path,
                        "json-field and json-equals are for http probes only");
            }
            if ((jsonField == null) != (jsonEquals == null)) {
                throw nodes.error(probe.line(), path, "json-field and json-equals go together");
            }
            Duration interval = duration(probe, path, "interval", Duration.ofSeconds(60));
            Duration timeout = duration(probe, path, "timeout", Duration.ofSeconds(5));
            if (timeout.compareTo(interval) > 0) {
                throw nodes.error(nodes.lineOf(probe, "timeout"), path + ".timeout", "longer than the interval");
            }
            probes.add(new ProbeSpec(device, kind, type, target, interval, timeout, jsonField, jsonEquals));
        }
        return probes;
    }

    private void checkTarget(MapNode probe, String path, ProbeType type, String target) throws InventoryException {
        int line = nodes.lineOf(probe, "target");
        switch (type) {
            case HTTP -> {
                if (!target.startsWith("http://") && !target.startsWith("https://")) {
                    throw nodes.error(line, path + ".target", "must be an http:// or https:// URL");
                }
            }
            case TCP, RTSP -> {
                int colon = target.lastIndexOf(':');
                boolean ok = colon > 0 && target.substring(colon + 1).matches("\\d{1,5}")
                        && Integer.parseInt(target.substring(colon + 1)) <= 65_535;
                if (!ok) {
                    throw nodes.error(line, path + ".target", "must be host:port, not '" + target + "'");
                }
            }
            case PING -> {
                if (target.isBlank() || target.contains("/") || target.contains(" ")) {
                    throw nodes.error(line, path + ".target", "must be a host name or address");
                }
            }
        }
    }

    private MapNode section(MapNode root, String key, List<String> allowed) throws InventoryException {
        Entry entry = root.entries().get(key);
        if (entry == null || (entry.value() instanceof YamlTree.ScalarNode s && s.isNull())) {
            return new MapNode(root.line(), Map.of());
        }
        MapNode map = nodes.map(entry.value(), key);
        nodes.checkKeys(map, key, allowed);
        return map;
    }

    private MqttEndpoint endpoint(MapNode map, String path, String urlEnv, String defaultUrl, String defaultClientId)
            throws InventoryException {
        String url = env.getOrDefault(urlEnv, textOr(map, path, "url", defaultUrl));
        if (url == null) {
            throw nodes.error(map.line(), path + ".url", "missing (or set " + urlEnv + ")");
        }
        if (!url.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
            throw nodes.error(nodes.lineOf(map, "url"), path + ".url", "'" + url
                    + "' is not tcp://host:port or ssl://host:port");
        }
        String prefix = path.toUpperCase(java.util.Locale.ROOT) + "_MQTT_";
        String ca = env.getOrDefault(prefix + "CA", nodes.text(map, path, "ca-file"));
        Path caFile = null;
        SSLSocketFactory tls = null;
        if (ca != null && !ca.isBlank()) {
            int line = nodes.lineOf(map, "ca-file");
            if (!url.startsWith("ssl://")) {
                throw nodes.error(line, path + ".ca-file", "set, but " + path + ".url '" + url
                        + "' is not ssl://host:port");
            }
            caFile = Path.of(ca);
            try {
                tls = TrustedCa.socketFactory(caFile);
            } catch (IOException e) {
                throw nodes.error(line, path + ".ca-file", "cannot read " + caFile + ": " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw nodes.error(line, path + ".ca-file", caFile + " is not a PEM CA certificate: "
                        + e.getMessage());
            }
        }
        return new MqttEndpoint(url, textOr(map, path, "client-id", defaultClientId),
                env.getOrDefault(prefix + "USERNAME", nodes.text(map, path, "username")),
                env.getOrDefault(prefix + "PASSWORD", nodes.text(map, path, "password")), caFile, tls);
    }

    private String required(MapNode map, String path, String key) throws InventoryException {
        String text = nodes.text(map, path, key);
        if (text == null || text.isBlank()) {
            throw nodes.error(map.line(), NodeReader.path(path, key), "missing");
        }
        return text;
    }

    private String textOr(MapNode map, String path, String key, String fallback) throws InventoryException {
        String text = nodes.text(map, path, key);
        return text == null ? fallback : text;
    }

    private long whole(MapNode map, String path, String key, long fallback, long min, long max)
            throws InventoryException {
        Long value = nodes.wholeNumber(map, path, key);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw nodes.error(nodes.lineOf(map, key), NodeReader.path(path, key), value + " is not between " + min
                    + " and " + max);
        }
        return value;
    }

    private Duration duration(MapNode map, String path, String key, Duration fallback) throws InventoryException {
        String text = nodes.text(map, path, key);
        if (text == null) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative()) {
                throw nodes.error(nodes.lineOf(map, key), NodeReader.path(path, key), "must not be negative");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw nodes.error(nodes.lineOf(map, key), NodeReader.path(path, key), "'" + text
                    + "' is not an ISO-8601 duration such as PT30S");
        }
    }

    private long parseEnvLong(String name) throws ConfigException {
        try {
            return Long.parseLong(env.get(name).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": " + name + ": '" + env.get(name) + "' is not a whole number");
        }
    }
}

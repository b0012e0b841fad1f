package vn.commune.telemetry.service.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the settings of the YAML file, each overridable by an environment variable, with the errors
 * named by key. Every key read is remembered so that {@link #rejectUnknownKeys()} can refuse typos.
 */
public final class ConfigTree {

    private final Map<String, Object> flat = new LinkedHashMap<>();
    private final Map<String, String> env;
    private final Set<String> read = new HashSet<>();

    public ConfigTree(Map<String, Object> root, Map<String, String> env) throws ConfigException {
        this.env = env;
        flatten("", root);
    }

    private void flatten(String prefix, Map<?, ?> map) throws ConfigException {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(key + ".", child);
            } else if (entry.getValue() instanceof Iterable<?>) {
                throw new ConfigException(key, "lists are not settings here");
            } else {
                flat.put(key, entry.getValue());
            }
        }
    }

    /** The raw text of a setting: the environment variable when set and not empty, else the file's value. */
    private String raw(String key, String envVar) {
        read.add(key);
        if (envVar != null) {
            String fromEnv = env.get(envVar);
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return fromEnv;
            }
        }
        Object value = flat.get(key);
        return value == null ? null : value.toString();
    }

    private static String name(String key, String envVar) {
        return envVar == null ? key : key + " (or " + envVar + ")";
    }

    public String string(String key, String envVar, String fallback) {
        String value = raw(key, envVar);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public String requiredString(String key, String envVar) throws ConfigException {
        String value = string(key, envVar, null);
        if (value == null) {
            throw new ConfigException(name(key, envVar), "is required");
        }
        return value;
    }

    /**
     * A secret, from the first of: the environment variable {@code envVar}; the file named by {@code envVar_FILE}
     * (Docker and systemd credentials); the file named by the setting {@code key-file}; the setting {@code key}
     * itself. Kept as written, except that one line break at the end of a file is dropped. Null when absent. Every
     * secret read is {@linkplain Secrets#register registered} so that the log masks it.
     */
    public String secret(String key, String envVar) throws ConfigException {
        read.add(key);
        read.add(key + "-file");
        String value = null;
        if (envVar != null && env.get(envVar) != null && !env.get(envVar).isEmpty()) {
            value = env.get(envVar);
        } else if (envVar != null && env.get(envVar + "_FILE") != null && !env.get(envVar + "_FILE").isBlank()) {
            value = secretFile(envVar + "_FILE", env.get(envVar + "_FILE").trim());
        } else if (flat.get(key + "-file") != null && !flat.get(key + "-file").toString().isBlank()) {
            value = secretFile(key + "-file", flat.get(key + "-file").toString().trim());
        } else if (flat.get(key) != null) {
            value = flat.get(key).toString();
        }
        if (value == null || value.isEmpty()) {
            return null;
        }
        Secrets.register(value);
        return value;
    }

    private static String secretFile(String setting, String file) throws ConfigException {
        try {
            String text = Files.readString(Path.of(file));
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw new ConfigException(setting, "names an empty file: " + file);
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(setting, "names a file that does not exist: " + file);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(setting, "names a file that cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public int integer(String key, String envVar, int fallback, int min, int max) throws ConfigException {
        String value = raw(key, envVar);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new ConfigException(name(key, envVar), "must be between " + min + " and " + max + ", got "
                        + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name(key, envVar), "must be a whole number, got '" + value + "'");
        }
    }

    public long longValue(String key, String envVar, long fallback, long min) throws ConfigException {
        String value = raw(key, envVar);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min) {
                throw new ConfigException(name(key, envVar), "must be at least " + min + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name(key, envVar), "must be a whole number, got '" + value + "'");
        }
    }

    public double decimal(String key, String envVar, double fallback) throws ConfigException {
        String value = raw(key, envVar);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name(key, envVar), "must be a number, got '" + value + "'");
        }
    }

    /** An ISO-8601 duration such as {@code PT30S} or {@code P400D}; must be positive. */
    public Duration duration(String key, String envVar, Duration fallback) throws ConfigException {
        String value = raw(key, envVar);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            if (parsed.isNegative() || parsed.isZero()) {
                throw new ConfigException(name(key, envVar), "must be a positive duration, got '" + value + "'");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ConfigException(name(key, envVar), "must be an ISO-8601 duration such as PT30S or P7D, got '"
                    + value + "'");
        }
    }

    /** A URI whose scheme is one of {@code schemes}, with a host and a port or a default port. */
    public URI uri(String key, String envVar, String fallback, String... schemes) throws ConfigException {
        String value = string(key, envVar, fallback);
        if (value == null) {
            throw new ConfigException(name(key, envVar), "is required");
        }
        try {
            URI uri = new URI(value);
            boolean known = false;
            for (String scheme : schemes) {
                known |= scheme.equalsIgnoreCase(uri.getScheme());
            }
            if (!known) {
                throw new ConfigException(name(key, envVar), "must start with " + String.join("://, ", schemes)
                        + "://, got '" + value + "'");
            }
            if (uri.getHost() == null) {
                throw new ConfigException(name(key, envVar), "has no host: '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name(key, envVar), "is not a valid URL: " + e.getReason());
        }
    }

    public Path path(String key, String envVar, String fallback) throws ConfigException {
        String value = string(key, envVar, fallback);
        if (value == null) {
            throw new ConfigException(name(key, envVar), "is required");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(name(key, envVar), "is not a valid path: " + e.getReason());
        }
    }

    public boolean bool(String key, String envVar, boolean fallback) throws ConfigException {
        String value = raw(key, envVar);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(name(key, envVar), "must be true or false, got '" + value + "'");
        };
    }

    /** Fails on the first key of the file that no setting read: a typo must not pass silently. */
    public void rejectUnknownKeys() throws ConfigException {
        for (String key : flat.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(key, "unknown setting (see the configuration table in the README)");
            }
        }
    }
}

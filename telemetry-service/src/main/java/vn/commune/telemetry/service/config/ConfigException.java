package vn.commune.telemetry.service.config;

/** A bad or missing setting: {@link #getMessage()} is one line naming the key and the problem. */
public final class ConfigException extends Exception {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem.replaceAll("\\s*\\R\\s*", " ").strip());
        this.key = key;
    }

    /** The setting at fault, as written in the config file (for example {@code influx.url}). */
    public String key() {
        return key;
    }
}

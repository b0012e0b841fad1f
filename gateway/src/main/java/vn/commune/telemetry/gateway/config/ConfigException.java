package vn.commune.telemetry.gateway.config;

/** A bad configuration, said as {@code file:line: path: reason}. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

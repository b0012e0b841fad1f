package vn.commune.telemetry.simulator.mqtt;

/** Says in a few words why connecting or publishing failed: the message of the innermost cause. */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** The innermost cause's message, or its class name when it has none. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}

package vn.commune.telemetry.testsupport;

/** A server a test can stop and start again on the same address, keeping its data. */
public interface ManagedServer extends AutoCloseable {

    /** Host the server listens on (always a loopback address for local servers). */
    String host();

    /** Port the server listens on; stays the same across {@link #stop()} and {@link #start()}. */
    int port();

    /** Stops the server gracefully; data stays for the next {@link #start()}. Idempotent. */
    void stop();

    /** Starts the server again and waits until it answers. Idempotent. */
    void start();

    /** Whether the server is running now. */
    boolean isRunning();

    /** Stops the server for good and removes its data. */
    @Override
    void close();
}

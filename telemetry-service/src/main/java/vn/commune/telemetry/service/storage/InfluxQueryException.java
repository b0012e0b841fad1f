package vn.commune.telemetry.service.storage;

/** An InfluxQL statement failed: InfluxDB answered with an error, or did not answer at all. */
public final class InfluxQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status of InfluxDB's answer, or 0 when no answer came
     * @param message what failed, with InfluxDB's error text; never a secret
     */
    public InfluxQueryException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status of InfluxDB's answer, or 0 when no answer came (connection error, timeout). */
    public int status() {
        return status;
    }

    /** Whether InfluxDB answered (as opposed to a transport failure). */
    public boolean answered() {
        return status != 0;
    }
}

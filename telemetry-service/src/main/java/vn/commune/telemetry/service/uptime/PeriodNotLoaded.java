package vn.commune.telemetry.service.uptime;

/** The period asked for starts before what the service has loaded into memory so far (it is still starting). */
public final class PeriodNotLoaded extends RuntimeException {

    public PeriodNotLoaded(String message) {
        super(message, null, false, false);
    }
}

package vn.commune.telemetry.service.state;

/**
 * Where a device stands after the evidence folded so far: what everything later depends on.
 *
 * @param lastAt   instant of the last evidence, {@link Long#MIN_VALUE} when there is none
 * @param lastLife whether the last evidence was a sign of life (then a timeout may follow it)
 * @param cause    the cause in force right after it (or, without evidence, the cause known from history)
 */
public record FoldState(long lastAt, boolean lastLife, Cause cause) {

    /** A device never heard from. */
    public static final FoldState NEVER = new FoldState(Long.MIN_VALUE, false, Cause.NO_DATA);

    /** The state after one piece of evidence. */
    public static FoldState after(Evidence evidence) {
        return new FoldState(evidence.at(), evidence.life(), evidence.cause());
    }
}

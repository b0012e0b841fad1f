package vn.commune.telemetry.service.state;

/** Where the tracker hands transition points to be stored ({@link TransitionWriter} writes them in order). */
@FunctionalInterface
public interface TransitionSink {

    /** Stores the point {@code line} of {@code device} at instant {@code at}, after any earlier point of the same. */
    void write(String device, long at, String line);
}

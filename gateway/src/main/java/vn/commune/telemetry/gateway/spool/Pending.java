package vn.commune.telemetry.gateway.spool;

/**
 * A message of the log not yet acknowledged by the district broker: where it is on disk and how it is drained.
 * Mutable only under the lock of its {@link SpoolLog}.
 */
public final class Pending {

    enum State { QUEUED, IN_FLIGHT, DONE }

    final long seq;
    Segment segment;
    long offset;
    final int frameLength;
    final MessageClass messageClass;
    final String device;
    final long arrivedMillis;
    State state = State.QUEUED;

    Pending(long seq, Segment segment, long offset, int frameLength, MessageClass messageClass, String device,
            long arrivedMillis) {
        this.seq = seq;
        this.segment = segment;
        this.offset = offset;
        this.frameLength = frameLength;
        this.messageClass = messageClass;
        this.device = device;
        this.arrivedMillis = arrivedMillis;
    }

    /** Position in the log. */
    public long seq() {
        return seq;
    }

    /** Bytes it takes on disk. */
    public int frameLength() {
        return frameLength;
    }

    /** State, event, status or other. */
    public MessageClass messageClass() {
        return messageClass;
    }
}

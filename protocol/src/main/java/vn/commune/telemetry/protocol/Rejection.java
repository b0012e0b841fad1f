package vn.commune.telemetry.protocol;

/** Thrown inside the codec to abandon a payload with a reason; caught by {@link MessageCodec}, never escapes it. */
final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}

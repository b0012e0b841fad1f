package vn.commune.telemetry.protocol.schedule;

import vn.commune.telemetry.protocol.RejectReason;

/** Why a schedule is refused, thrown inside the codec and turned into {@link ScheduleResult.Invalid}. */
final class ScheduleProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RejectReason reason;

    ScheduleProblem(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    ScheduleResult.Invalid toResult() {
        return new ScheduleResult.Invalid(reason, getMessage());
    }
}

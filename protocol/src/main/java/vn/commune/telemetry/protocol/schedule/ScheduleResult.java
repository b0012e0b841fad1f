package vn.commune.telemetry.protocol.schedule;

import java.util.Objects;
import vn.commune.telemetry.protocol.RejectReason;

/** What {@link ScheduleCodec} made of a schedule: a valid one with its canonical payload, or why it is refused. */
public sealed interface ScheduleResult permits ScheduleResult.Valid, ScheduleResult.Invalid {

    /**
     * A valid schedule.
     *
     * @param schedule the schedule, with defaults filled in
     * @param payload  its canonical JSON encoding (what {@link ScheduleCodec#encode} writes)
     */
    record Valid(CommuneSchedule schedule, byte[] payload) implements ScheduleResult {

        /** Checks that both parts are present. */
        public Valid {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A refused schedule.
     *
     * @param reason why, for counting: {@link RejectReason#MALFORMED_JSON}, {@link RejectReason#TOO_LARGE},
     *               {@link RejectReason#MISSING_FIELD}, {@link RejectReason#WRONG_TYPE},
     *               {@link RejectReason#UNSUPPORTED_VERSION} or {@link RejectReason#OUT_OF_RANGE}
     * @param detail the field (for example {@code slots[2].end}) and what is wrong with it
     */
    record Invalid(RejectReason reason, String detail) implements ScheduleResult {

        /** Checks that both parts are present. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

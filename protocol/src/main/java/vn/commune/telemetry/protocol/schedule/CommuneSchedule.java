package vn.commune.telemetry.protocol.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The broadcast schedule of one commune, published retained on {@code cmd/commune/{communeId}/schedule}.
 *
 * @param v         protocol version, 1
 * @param communeId the commune it is for (the topic's commune id)
 * @param version   increases with every approved change, so a device can tell a newer schedule from an older one
 * @param timezone  IANA time zone the slots' local times are in; null is taken as {@link #DEFAULT_TIMEZONE}
 * @param slots     the weekly slots, at most {@value ScheduleCodec#MAX_SLOTS}; null is taken as none
 * @param bulletins the one-off items, at most {@value ScheduleCodec#MAX_BULLETINS}; null is taken as none
 */
public record CommuneSchedule(int v, String communeId, long version, String timezone, List<ScheduleSlot> slots,
        List<Bulletin> bulletins) {

    /** Vietnam's time zone, the default of every schedule. */
    public static final String DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh";

    /** Defaults the time zone and copies the lists (null elements are kept for the codec to refuse). */
    public CommuneSchedule {
        timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
        slots = copy(slots);
        bulletins = copy(bulletins);
    }

    /** A version 1 schedule in Vietnam's time zone. */
    public static CommuneSchedule of(String communeId, long version, List<ScheduleSlot> slots,
            List<Bulletin> bulletins) {
        return new CommuneSchedule(1, communeId, version, DEFAULT_TIMEZONE, slots, bulletins);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}

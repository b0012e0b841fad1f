package vn.commune.telemetry.service.broadcast;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.protocol.schedule.Bulletin;
import vn.commune.telemetry.protocol.schedule.CommuneSchedule;
import vn.commune.telemetry.protocol.schedule.Priority;
import vn.commune.telemetry.protocol.schedule.ScheduleSlot;

/**
 * A commune's schedule as the loudspeakers get it ({@code cmd/commune/{communeId}/schedule}): the weekly slots of the
 * version in force as weekly slots, its one-off slots (all of them) and the emergencies as bulletins (an emergency with
 * the loudspeakers it targets). What a loudspeaker should air is this schedule's {@code ScheduleTimeline}.
 */
public final class WireSchedules {

    private WireSchedules() {
    }

    /**
     * The wire schedule of a commune.
     *
     * @param communeId   the commune
     * @param version     the version in force, or null (then only the emergencies)
     * @param emergencies the commune's emergencies to include
     * @param wireVersion the payload's {@code version}
     * @param keepAfter   emergencies that ended before this instant (epoch ms) are left out (the version's one-off
     *                    slots are all kept: the version is published whole)
     */
    public static CommuneSchedule of(String communeId, ScheduleStore.Version version, List<Emergency> emergencies,
            long wireVersion, long keepAfter) {
        List<ScheduleSlot> slots = new ArrayList<>();
        List<Bulletin> bulletins = new ArrayList<>();
        if (version != null) {
            for (Slot slot : version.slots()) {
                if (slot.isWeekly()) {
                    slots.add(new ScheduleSlot(slot.id(), slot.days(), slot.start(), slot.end(), slot.nextDay(),
                            slot.program(), slot.priority()));
                } else {
                    LocalDateTime[] local = slot.on(slot.date());
                    Instant start = local[0].atZone(Schedule.ZONE).toInstant();
                    Instant end = local[1].atZone(Schedule.ZONE).toInstant();
                    bulletins.add(new Bulletin(slot.id(), slot.priority(), start, end, slot.program()));
                }
            }
        }
        for (Emergency emergency : emergencies) {
            if (emergency.effectiveEnd() > keepAfter) {
                bulletins.add(new Bulletin(emergency.id(), Priority.EMERGENCY, Instant.ofEpochMilli(emergency.start()),
                        Instant.ofEpochMilli(emergency.effectiveEnd()), emergency.program(),
                        emergency.villages().isEmpty() ? List.of() : emergency.devices()));
            }
        }
        return CommuneSchedule.of(communeId, wireVersion, slots, bulletins);
    }
}

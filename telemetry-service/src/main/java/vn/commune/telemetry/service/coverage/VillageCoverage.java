package vn.commune.telemetry.service.coverage;

import java.util.List;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.uptime.Present;

/**
 * One village's coverage by one kind of device.
 *
 * @param village    the village
 * @param devices    its devices of the kind, with their state now
 * @param coveredMs  time in the period when at least one of them was online
 * @param knownMs    time when that is known: at least one online or offline (not all unknown or in maintenance)
 * @param medianRsrp median RSRP of their reports in the period, null without reports
 * @param signal     its signal class
 */
public record VillageCoverage(Place village, List<Present> devices, long coveredMs, long knownMs, Double medianRsrp,
        SignalClass signal) {

    /** Whether a device of the kind is installed. */
    public boolean installed() {
        return !devices.isEmpty();
    }

    /** Whether one works now. */
    public boolean workingNow() {
        for (Present present : devices) {
            if (present.state() == DeviceState.ONLINE) {
                return true;
            }
        }
        return false;
    }

    /** Its population (0 when not recorded). */
    public long population() {
        return village.population() == null ? 0 : village.population();
    }
}

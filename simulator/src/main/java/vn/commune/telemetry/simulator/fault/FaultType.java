package vn.commune.telemetry.simulator.fault;

import java.util.Locale;
import java.util.Optional;

/** The faults the simulator injects; the wire name is used in fault files and in the truth file. */
public enum FaultType {
    /** Grid power lost at a place or device: on battery, then offline when the battery is empty. */
    POWER_CUT,
    /** The device's link goes down and up repeatedly: offline while down. */
    LINK_FLAP,
    /** The device is dead (hardware failure): offline, then reboots when it ends. */
    DEAD,
    /** The whole commune is cut off (gateway or backhaul down): every device of it offline. */
    COMMUNE_OUTAGE,
    /**
     * The commune's uplink is cut (4G or ADSL down) while its devices keep working: they stay online, and their
     * messages wait at the commune gateway until the uplink returns, then arrive late with their own timestamps,
     * state messages and events first, then statuses (as the gateway drains its backlog).
     */
    UPLINK_CUT,
    /** The device's clock is off: every timestamp it writes is shifted. */
    CLOCK_SKEW,
    /** Every message of the device is delivered twice. */
    DUPLICATE,
    /** The device also publishes malformed or hostile messages, each status with the given probability. */
    MALFORMED,
    /** A loudspeaker's amplifier fails: it reports {@code amp_ok=false} and cannot play. */
    AMP_FAILURE,
    /** Some of a loudspeaker's horns fail; with none left it cannot play. */
    HORN_FAILURE,
    /**
     * A loudspeaker plays another programme (music of the operator's choosing) instead of what its schedule airs: it
     * reports it honestly, with that programme and no slot.
     */
    OTHER_PROGRAM,
    /** A camera reports tampering (covered, moved): a tamper event and {@code tamper=true}. */
    TAMPER,
    /** A camera stops recording ({@code recording=false}). */
    RECORDING_FAILURE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in fault files and the truth file ({@code power_cut}, ...). */
    public String wireName() {
        return wireName;
    }

    /** The fault type with this wire name. */
    public static Optional<FaultType> fromWire(String name) {
        for (FaultType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

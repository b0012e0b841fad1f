package vn.commune.telemetry.service.broadcast;

/**
 * Why a loudspeaker did not play (enough of) a slot: the cause of most of the time it should have played and did
 * not. Listed in the order a tie is settled.
 */
public enum MissCause {
    /** Cut off by a power cut: offline after a {@code power_lost} with no power back since. */
    NO_POWER("no_power"),
    /** Offline or unknown (its link, the device, its commune's gateway, the service down); the detail says which. */
    OFFLINE("offline"),
    /** In a declared maintenance window. */
    MAINTENANCE("maintenance"),
    /** Online and playing, but another programme. */
    OTHER_PROGRAM("other_program"),
    /** Online, but its amplifier (or every horn) reported broken. */
    AMPLIFIER_FAULT("amplifier_fault"),
    /** Online, nothing broken reported, nothing played. */
    NOT_PLAYED("not_played");

    private final String wireName;

    MissCause(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API, reports and the simulator's truth. */
    public String wireName() {
        return wireName;
    }
}

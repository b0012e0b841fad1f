package vn.commune.telemetry.simulator.device;

import vn.commune.telemetry.protocol.KindStatus;
import vn.commune.telemetry.protocol.LoudspeakerStatus;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.simulator.fault.FaultType;

/**
 * A loudspeaker cluster: a few horns on an amplifier that plays the commune's programme when its schedule says so.
 * It plays only when it is reachable (the programme streams over IP/4G), its amplifier works and at least one horn
 * does; it reports {@code playing} and the programme playing or last played.
 */
public final class LoudspeakerModel extends DeviceModel {

    private static final double PLAYING_HEAT = 3;

    private final int volumePct;
    private final int hornsTotal;
    private Airing playing;
    private long playingSince;
    private String lastProgram;

    /** A loudspeaker with 2 to 6 horns at 60 to 90% volume. */
    public LoudspeakerModel(DeviceSetup setup) {
        super(setup);
        this.volumePct = 60 + 5 * random().nextInt(7);
        this.hornsTotal = 2 + random().nextInt(5);
    }

    /** Installed horns. */
    public int hornsTotal() {
        return hornsTotal;
    }

    /** Working horns. */
    public int hornsOk() {
        return Math.max(0, hornsTotal - holds().hornsFailed());
    }

    /** Whether the amplifier works. */
    public boolean ampOk() {
        return !holds().active(FaultType.AMP_FAILURE);
    }

    /** Whether it plays another programme instead of the schedule's ({@code other_program} fault). */
    public boolean playsOtherProgram() {
        return holds().active(FaultType.OTHER_PROGRAM);
    }

    /** Whether it could play now. */
    public boolean canPlay() {
        return online() && ampOk() && hornsOk() > 0;
    }

    /** What it plays now, or null. */
    public Airing playing() {
        return playing;
    }

    /** Since when it plays what it plays. */
    public long playingSince() {
        return playingSince;
    }

    /** It starts playing {@code airing} at {@code t}. */
    public void play(Airing airing, long t) {
        playing = airing;
        playingSince = t;
        lastProgram = airing.program();
    }

    /** It stops playing. */
    public void silence() {
        playing = null;
    }

    @Override
    protected KindStatus kindStatus(long t) {
        String program = playing != null ? playing.program() : lastProgram;
        return new LoudspeakerStatus(playing != null, program, volumePct, ampOk(), hornsOk(), hornsTotal);
    }

    @Override
    protected double extraHeat() {
        return playing != null ? PLAYING_HEAT : 0;
    }
}

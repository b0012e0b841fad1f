package vn.commune.telemetry.simulator.device;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.protocol.CommonStatus;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.KindStatus;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.simulator.clock.DayCycle;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fleet.Seeds;

/**
 * One simulated device: what it measures and reports, the faults acting on it, and whether it is reachable. Kinds
 * add their own status fields. Every value comes from the device's own random stream, in event order, so a device
 * behaves the same whatever the rest of the fleet does.
 *
 * <p>Not thread-safe: only the simulation thread touches it.
 */
public abstract class DeviceModel {

    /** Mean outdoor temperature, degrees Celsius. */
    static final double AMBIENT_MEAN = 26;
    /** Day-night swing of the outdoor temperature, degrees either side. */
    static final double AMBIENT_SWING = 5;

    private final Device device;
    private final int index;
    private final String communeId;
    private final long intervalMillis;
    private final long phaseMillis;
    private final SplittableRandom random;
    private final SplittableRandom malformedRandom;
    private final PowerSupply power;
    private final Radio radio;
    private final double heat;
    private final Holds holds = new Holds();
    private long bootMillis;
    private boolean started;
    private boolean online;
    private boolean rebootPending;
    private boolean powerLossReported;
    private long generation;

    /** The parts every device has; see {@link DeviceFactory}. */
    protected DeviceModel(DeviceSetup setup) {
        this.device = setup.device();
        this.index = setup.index();
        this.communeId = setup.communeId();
        this.intervalMillis = setup.intervalMillis();
        this.random = setup.random();
        this.malformedRandom = setup.malformedRandom();
        this.power = setup.power();
        this.radio = setup.radio();
        this.heat = setup.heat();
        this.phaseMillis = random.nextLong(intervalMillis);
        this.bootMillis = setup.startMillis() - random.nextLong(30L * 86_400_000L);
    }

    /** The inventory entry. */
    public Device device() {
        return device;
    }

    /** The device id. */
    public String id() {
        return device.id();
    }

    /** Its kind. */
    public DeviceKind kind() {
        return device.kind();
    }

    /** Its position in the inventory. */
    public int index() {
        return index;
    }

    /** Its commune, or null. */
    public String communeId() {
        return communeId;
    }

    /** Its status interval, milliseconds. */
    public long intervalMillis() {
        return intervalMillis;
    }

    /** When, after the run's start, it sends its first status. */
    public long phaseMillis() {
        return phaseMillis;
    }

    /** Its power supply. */
    public PowerSupply power() {
        return power;
    }

    /** Its radio. */
    public Radio radio() {
        return radio;
    }

    /** The faults acting on it. */
    public Holds holds() {
        return holds;
    }

    /** The stream malformed messages are drawn from (apart, so that they do not change the device's behaviour). */
    public SplittableRandom malformedRandom() {
        return malformedRandom;
    }

    /** The behaviour stream, for the kinds. */
    protected SplittableRandom random() {
        return random;
    }

    /** Whether it has joined the run (its first state was published). */
    public boolean started() {
        return started;
    }

    /** Marks it as having joined the run. */
    public void start() {
        started = true;
    }

    /** Whether it is reachable now, as last decided by the engine. */
    public boolean online() {
        return online;
    }

    /** Records the engine's decision. Going offline invalidates the scheduled status. */
    public void online(boolean value) {
        if (online && !value) {
            generation++;
        }
        online = value;
    }

    /** Changes whenever the device goes offline; a status event of another generation is stale. */
    public long generation() {
        return generation;
    }

    /**
     * Whether the device reported {@code power_lost} for a power cut that is not over as far as anyone listening can
     * tell: no {@code power_restored} since, and it has not come back online after being offline. While it is, an
     * offline device is off for want of power (what the service concludes from the same messages).
     */
    public boolean powerLossReported() {
        return powerLossReported;
    }

    /** Sets {@link #powerLossReported()}. */
    public void powerLossReported(boolean value) {
        powerLossReported = value;
    }

    /** Whether it must reboot when it comes back (it was dead or its battery ran out). */
    public boolean rebootPending() {
        return rebootPending;
    }

    /** Sets whether it must reboot when it comes back. */
    public void rebootPending(boolean value) {
        rebootPending = value;
    }

    /** It boots at {@code t}: its uptime starts again. */
    public void boot(long t) {
        bootMillis = t;
    }

    /** Why it cannot be reached now: empty when it can. */
    public Set<FaultType> offlineCauses() {
        Set<FaultType> causes = EnumSet.noneOf(FaultType.class);
        if (holds.active(FaultType.LINK_FLAP)) {
            causes.add(FaultType.LINK_FLAP);
        }
        if (holds.active(FaultType.DEAD)) {
            causes.add(FaultType.DEAD);
        }
        if (holds.active(FaultType.COMMUNE_OUTAGE)) {
            causes.add(FaultType.COMMUNE_OUTAGE);
        }
        if (power.empty()) {
            causes.add(FaultType.POWER_CUT);
        }
        return causes;
    }

    /** The timestamp the device writes at true time {@code t}: shifted by its clock skew. */
    public long stamp(long t) {
        return t + holds.skewMillis();
    }

    /** Its status at true time {@code t}, stamped with its own clock. */
    public StatusMessage status(long t) {
        int rsrp = radio.rsrp(random);
        CommonStatus common = new CommonStatus(power.source(), power.percent(t), temperature(t),
                Radio.rssi(rsrp, random), rsrp, Math.max(0, (t - bootMillis) / 1000));
        return new StatusMessage(id(), stamp(t), kind(), common, kindStatus(t));
    }

    /** The kind's own status fields at {@code t}. */
    protected abstract KindStatus kindStatus(long t);

    /** Heat the device adds now beyond its usual (a playing amplifier). */
    protected double extraHeat() {
        return 0;
    }

    private double temperature(long t) {
        double ambient = AMBIENT_MEAN + AMBIENT_SWING * DayCycle.wave(t, 14.5);
        double value = ambient + heat + extraHeat() + Seeds.gaussian(random, 0, 0.4);
        return Math.round(value * 10) / 10.0;
    }

    /** Rounds to one decimal. */
    protected static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

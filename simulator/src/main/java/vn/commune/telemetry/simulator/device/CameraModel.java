package vn.commune.telemetry.simulator.device;

import vn.commune.telemetry.protocol.CameraStatus;
import vn.commune.telemetry.protocol.KindStatus;
import vn.commune.telemetry.simulator.clock.DayCycle;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fleet.Seeds;

/**
 * A security camera: records continuously at its frame rate, its storage fills and is rotated (at 95% the oldest
 * footage is deleted down to 80%), its bitrate follows the scene (busier by day, lower at night in infrared).
 */
public final class CameraModel extends DeviceModel {

    private static final double ROTATE_AT = 95;
    private static final double ROTATE_TO = 80;

    private final int nominalFps;
    private final double baseKbps;
    private final double storageStart;
    private final double fillPerHour;
    private final long startMillis;

    /** A camera at 15, 20 or 25 fps. */
    public CameraModel(DeviceSetup setup) {
        super(setup);
        this.nominalFps = 15 + 5 * random().nextInt(3);
        this.baseKbps = Seeds.uniform(random(), 1500, 3500);
        this.storageStart = Seeds.uniform(random(), 20, 90);
        this.fillPerHour = Seeds.uniform(random(), 0.3, 1.2);
        this.startMillis = setup.startMillis();
    }

    /** Storage used at {@code t}, percent. */
    public double storageUsedPct(long t) {
        double filled = storageStart + fillPerHour * (t - startMillis) / 3_600_000.0;
        if (filled <= ROTATE_AT) {
            return filled;
        }
        return ROTATE_TO + (filled - ROTATE_TO) % (ROTATE_AT - ROTATE_TO);
    }

    /** Whether it records now. */
    public boolean recording() {
        return !holds().active(FaultType.RECORDING_FAILURE);
    }

    @Override
    protected KindStatus kindStatus(long t) {
        boolean tamper = holds().active(FaultType.TAMPER);
        if (!recording()) {
            return new CameraStatus(false, tenths(storageUsedPct(t)), 0.0, 0.0, tamper);
        }
        double fps = nominalFps - (random().nextDouble() < 0.1 ? 1 + random().nextInt(2) : 0);
        double scene = 0.8 + 0.2 * DayCycle.wave(t, 13);
        double kbps = baseKbps * scene * Seeds.uniform(random(), 0.9, 1.1);
        return new CameraStatus(true, tenths(storageUsedPct(t)), fps, tenths(kbps), tamper);
    }
}

package vn.commune.telemetry.simulator.device;

import java.util.EnumMap;
import java.util.Map;
import vn.commune.telemetry.simulator.fault.FaultType;

/**
 * The faults acting on one device right now. Faults may overlap, so each type counts how many act; a fault adds
 * itself when it starts and removes itself when it ends.
 */
public final class Holds {

    private final Map<FaultType, Integer> counts = new EnumMap<>(FaultType.class);
    private long skewMillis;
    private int hornsFailed;
    private double malformedRate;

    /** One more fault of this type acts. */
    public void add(FaultType type) {
        counts.merge(type, 1, Integer::sum);
    }

    /** One fault of this type ended. */
    public void remove(FaultType type) {
        counts.computeIfPresent(type, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** How many faults of this type act. */
    public int count(FaultType type) {
        return counts.getOrDefault(type, 0);
    }

    /** Whether a fault of this type acts. */
    public boolean active(FaultType type) {
        return counts.containsKey(type);
    }

    /** The clock offset of the active clock-skew faults, summed. */
    public long skewMillis() {
        return skewMillis;
    }

    /** Adds (or with a negative value removes) a clock offset. */
    public void addSkew(long millis) {
        skewMillis += millis;
    }

    /** Failed horns of the active horn failures, summed. */
    public int hornsFailed() {
        return hornsFailed;
    }

    /** Adds (or with a negative value removes) failed horns. */
    public void addHornsFailed(int horns) {
        hornsFailed += horns;
    }

    /** The device's own malformed-message probability from active malformed faults (combined). */
    public double malformedRate() {
        return malformedRate;
    }

    /** Adds (or with a negative value removes) malformed-message probability. */
    public void addMalformedRate(double rate) {
        malformedRate = Math.max(0, malformedRate + rate);
    }
}

package vn.commune.telemetry.simulator.device;

import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.simulator.clock.DayCycle;

/**
 * A device's power: mains with a backup battery, or a solar panel with its battery.
 *
 * <p>Mains: the battery is full while the grid is on; during a power cut it drains linearly at {@code 100 /
 * autonomyHours} percent per hour, and when it reaches 0 the device goes down; when the grid returns it recharges
 * at {@value #CHARGE_PER_HOUR}% per hour. Solar: the battery follows the sun (lowest around 07:00, highest around
 * 17:00) and never runs empty; grid power cuts do not touch it.
 */
public final class PowerSupply {

    /** Recharge rate on mains, percent per hour. */
    public static final double CHARGE_PER_HOUR = 20;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final boolean solar;
    private final double drainPerHour;
    private final double solarBase;
    private double level;
    private long at;
    private int cuts;
    private boolean empty;
    private long generation;

    /**
     * A power supply.
     *
     * @param solar         solar panel (true) or mains (false)
     * @param autonomyHours how long a full battery lasts without mains
     * @param solarBase     the solar battery's mean charge, percent
     * @param startMillis   the run's start
     */
    public PowerSupply(boolean solar, double autonomyHours, double solarBase, long startMillis) {
        this.solar = solar;
        this.drainPerHour = 100.0 / autonomyHours;
        this.solarBase = solarBase;
        this.at = startMillis;
        this.level = solar ? solarLevel(startMillis) : 100;
    }

    /** Whether it is solar-powered (grid power cuts do not affect it). */
    public boolean solar() {
        return solar;
    }

    /** How long a full battery lasts on its own, hours. */
    public double autonomyHours() {
        return 100.0 / drainPerHour;
    }

    /** The battery charge at {@code t}, percent, 0 to 100. */
    public int percent(long t) {
        advance(t);
        return (int) Math.round(level);
    }

    /** The source the device reports at {@code t}. */
    public Power source() {
        if (solar) {
            return Power.SOLAR;
        }
        return cuts > 0 ? Power.BATTERY : Power.MAINS;
    }

    /** Whether the battery ran out (only during a power cut of a mains device). */
    public boolean empty() {
        return empty;
    }

    /** Changes with every cut start and end; a battery-empty event of an older generation is stale. */
    public long generation() {
        return generation;
    }

    /**
     * A power cut starts at {@code t}.
     *
     * @return whether the grid just went off (the first of overlapping cuts, on a mains device)
     */
    public boolean cutStarts(long t) {
        if (solar) {
            return false;
        }
        advance(t);
        cuts++;
        generation++;
        return cuts == 1;
    }

    /**
     * A power cut ends at {@code t}.
     *
     * @return whether the grid just came back (the last of overlapping cuts, on a mains device)
     */
    public boolean cutEnds(long t) {
        if (solar || cuts == 0) {
            return false;
        }
        advance(t);
        cuts--;
        generation++;
        if (cuts == 0) {
            empty = false;
            return true;
        }
        return false;
    }

    /** When the battery will be empty if the grid stays off, or {@link Long#MAX_VALUE} when it is on. */
    public long emptyAt() {
        if (solar || cuts == 0 || empty) {
            return Long.MAX_VALUE;
        }
        return at + (long) Math.ceil(level / drainPerHour * MILLIS_PER_HOUR);
    }

    /** The battery ran out at {@code t}. */
    public void drained(long t) {
        advance(t);
        level = 0;
        empty = true;
    }

    private void advance(long t) {
        if (t <= at) {
            return;
        }
        double hours = (t - at) / MILLIS_PER_HOUR;
        if (solar) {
            level = solarLevel(t);
        } else if (cuts > 0) {
            level = Math.max(0, level - drainPerHour * hours);
        } else {
            level = Math.min(100, level + CHARGE_PER_HOUR * hours);
        }
        at = t;
    }

    private double solarLevel(long t) {
        return Math.max(5, Math.min(100, solarBase + 22 * DayCycle.wave(t, 17)));
    }
}

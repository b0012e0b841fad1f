package vn.commune.telemetry.simulator.device;

import vn.commune.telemetry.protocol.KindStatus;
import vn.commune.telemetry.protocol.WifiStatus;
import vn.commune.telemetry.simulator.clock.DayCycle;
import vn.commune.telemetry.simulator.fleet.Seeds;

/**
 * A village Wi-Fi point: clients follow the day (low at night, a peak in the evening), the uplink slows and its
 * latency grows with the load, with noise, rare latency spikes and short uplink drops.
 */
public final class WifiModel extends DeviceModel {

    /** Share of the day's peak use by local hour, 0 to 23. */
    private static final double[] USE_BY_HOUR = {
        0.06, 0.04, 0.03, 0.03, 0.04, 0.12, 0.25, 0.35, 0.35, 0.35, 0.40, 0.50,
        0.55, 0.45, 0.40, 0.40, 0.50, 0.65, 0.80, 1.00, 1.00, 0.90, 0.60, 0.25};

    private final int peakClients;
    private final double baseMbps;
    private final double baseLatencyMs;

    /**
     * A Wi-Fi point serving a village of {@code population} people (null: 500).
     *
     * @param setup      the common parts
     * @param population the village's population
     */
    public WifiModel(DeviceSetup setup, Long population) {
        super(setup);
        long people = population != null ? population : 500;
        this.peakClients = (int) Math.max(4, Math.min(80, people / 25));
        this.baseMbps = Seeds.uniform(random(), 15, 60);
        this.baseLatencyMs = Seeds.uniform(random(), 25, 60);
    }

    /** The most clients it sees on an ordinary evening. */
    public int peakClients() {
        return peakClients;
    }

    @Override
    protected KindStatus kindStatus(long t) {
        double use = USE_BY_HOUR[(int) DayCycle.hour(t)];
        int clients = (int) Math.max(0, Math.round(peakClients * use * Seeds.uniform(random(), 0.8, 1.2)));
        double load = Math.min(1, clients / (double) Math.max(1, peakClients));
        boolean uplinkOk = random().nextDouble() >= 0.005;
        if (!uplinkOk) {
            return new WifiStatus(clients, false, 0.0, null);
        }
        double mbps = baseMbps * (1 - 0.5 * load) * Seeds.uniform(random(), 0.85, 1.1);
        double latency = baseLatencyMs + 80 * load * load + Math.abs(Seeds.gaussian(random(), 0, 8));
        if (random().nextDouble() < 0.01) {
            latency *= 5;
        }
        return new WifiStatus(clients, true, tenths(mbps), tenths(latency));
    }
}

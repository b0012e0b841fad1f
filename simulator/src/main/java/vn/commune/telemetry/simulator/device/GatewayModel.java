package vn.commune.telemetry.simulator.device;

import vn.commune.telemetry.protocol.GatewayStatus;
import vn.commune.telemetry.protocol.KindStatus;
import vn.commune.telemetry.protocol.Uplink;

/**
 * A commune gateway: reports how many devices stand behind it and its uplink. Its spool stays empty: the simulated
 * devices reach the broker themselves (the gateway module does the store-and-forward).
 */
public final class GatewayModel extends DeviceModel {

    private final int devicesBehind;
    private final Uplink uplink;

    /**
     * A gateway.
     *
     * @param setup         the common parts
     * @param devicesBehind the devices that name it as theirs
     * @param uplink        its commune's uplink
     */
    public GatewayModel(DeviceSetup setup, int devicesBehind, Uplink uplink) {
        super(setup);
        this.devicesBehind = devicesBehind;
        this.uplink = uplink;
    }

    @Override
    protected KindStatus kindStatus(long t) {
        return new GatewayStatus(devicesBehind, 0L, uplink);
    }
}

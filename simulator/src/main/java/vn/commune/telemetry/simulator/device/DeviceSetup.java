package vn.commune.telemetry.simulator.device;

import java.util.SplittableRandom;
import vn.commune.telemetry.inventory.Device;

/**
 * What {@link DeviceFactory} prepares for one device.
 *
 * @param device          the inventory entry
 * @param index           its position in the inventory
 * @param communeId       its commune, or null
 * @param intervalMillis  its status interval
 * @param startMillis     the run's start
 * @param random          its behaviour stream
 * @param malformedRandom its malformed-message stream
 * @param power           its power supply
 * @param radio           its radio
 * @param heat            how much warmer than the air it runs, degrees
 */
public record DeviceSetup(Device device, int index, String communeId, long intervalMillis, long startMillis,
        SplittableRandom random, SplittableRandom malformedRandom, PowerSupply power, Radio radio, double heat) {
}

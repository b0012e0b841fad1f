package vn.commune.telemetry.simulator.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.inventory.InventoryWriter;

/** Where the fleet comes from: an inventory file, or a generated district, province or country. */
public final class FleetSource {

    /** The shapes {@code --generate} knows. */
    public enum Shape {
        /** One district shaped like Bảo Thắng: 14 communes, 188 villages, about 420 devices. */
        DISTRICT,
        /** Lào Cai province: 9 districts, about 3,700 devices. */
        PROVINCE,
        /** Enough northern provinces for the requested devices (default 100,000). */
        COUNTRY;

        /** The shape with this lower-case name. */
        public static Shape parse(String text) {
            for (Shape shape : values()) {
                if (shape.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("unknown fleet '" + text + "' (district, province or country)");
        }

        /** The lower-case name. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private FleetSource() {
    }

    /** Reads an inventory file (the same YAML the service reads). */
    public static Inventory read(Path path) throws IOException {
        try {
            return InventoryReader.read(path);
        } catch (InventoryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Generates a fleet of that shape; {@code devices} is the target size of a country (ignored for the other
     * shapes), null for the default.
     */
    public static Inventory generate(Shape shape, long seed, Integer devices) {
        return switch (shape) {
            case DISTRICT -> FleetGenerator.district(seed);
            case PROVINCE -> FleetGenerator.province(seed);
            case COUNTRY -> FleetGenerator.country(seed,
                    devices == null ? FleetGenerator.DEFAULT_COUNTRY_DEVICES : devices);
        };
    }

    /** Writes the fleet as an inventory file for the service. */
    public static void write(Inventory inventory, Path path, String header) throws IOException {
        InventoryWriter.write(inventory, path, header);
    }

    /** The first {@code count} devices in inventory order (all of them when there are fewer). */
    public static List<Device> firstDevices(Inventory inventory, int count) {
        List<Device> devices = new ArrayList<>(Math.min(count, inventory.devices().size()));
        for (Device device : inventory.devices()) {
            if (devices.size() == count) {
                break;
            }
            devices.add(device);
        }
        return devices;
    }
}

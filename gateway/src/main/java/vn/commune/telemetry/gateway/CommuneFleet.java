package vn.commune.telemetry.gateway;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryBuilder;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.inventory.Place;

/**
 * Splits an inventory for a demo with a real gateway: the devices behind one gateway (to be played by a simulator
 * against the commune's local broker) and every other device except that gateway (played against the district
 * broker), both with the whole place tree. The real gateway speaks for itself.
 *
 * <p>{@code java -cp gateway.jar vn.commune.telemetry.gateway.CommuneFleet INVENTORY GATEWAY_ID BEHIND.yaml REST.yaml}
 */
public final class CommuneFleet {

    private CommuneFleet() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CommuneFleet INVENTORY GATEWAY_ID BEHIND.yaml REST.yaml");
            System.exit(2);
        }
        Inventory inventory = InventoryReader.read(Path.of(args[0]));
        String gatewayId = args[1];
        if (inventory.device(gatewayId).isEmpty()) {
            System.err.println("CommuneFleet: no device '" + gatewayId + "' in " + args[0]);
            System.exit(2);
        }
        InventoryWriter.write(subset(inventory, d -> gatewayId.equals(d.gatewayId()), true), Path.of(args[2]),
                "devices behind " + gatewayId + " (for a simulator on the commune's local broker)");
        InventoryWriter.write(subset(inventory, d -> !gatewayId.equals(d.gatewayId()) && !d.id().equals(gatewayId),
                false), Path.of(args[3]), "every device but " + gatewayId + " and those behind it");
    }

    static Inventory subset(Inventory inventory, Predicate<Device> keep, boolean dropGateway) throws Exception {
        InventoryBuilder builder = new InventoryBuilder().levels(inventory.levels());
        Deque<Place> todo = new ArrayDeque<>(inventory.roots());
        while (!todo.isEmpty()) {
            Place place = todo.poll();
            boolean leaf = place.childIds().isEmpty();
            builder.place(place.id(), place.name(), place.level(), place.parentId(), leaf ? place.population() : null,
                    place.lat(), place.lon());
            todo.addAll(inventory.children(place.id()));
        }
        for (Device device : inventory.devices()) {
            if (keep.test(device)) {
                builder.device(device.id(), device.kind(), device.placeId(), device.name(),
                        dropGateway ? null : device.gatewayId(), device.interval());
            }
        }
        return builder.build();
    }
}

package vn.commune.telemetry.simulator.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * The lookups the simulation needs, computed once from the inventory: each device's commune and village, the
 * communes in order, villages, and devices per commune.
 */
public final class FleetIndex {

    private final Inventory inventory;
    private final List<Device> devices;
    private final Map<String, Integer> indexById;
    private final String communeLevel;
    private final String[] communeOf;
    private final Map<String, List<Integer>> devicesByCommune;
    private final List<String> communes;
    private final List<Place> villages;

    /** Indexes an inventory. */
    public FleetIndex(Inventory inventory) {
        this.inventory = inventory;
        this.devices = List.copyOf(inventory.devices());
        this.communeLevel = inventory.communeLevel();
        this.indexById = new HashMap<>(devices.size() * 2);
        this.communeOf = new String[devices.size()];
        Map<String, List<Integer>> byCommune = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            indexById.put(device.id(), i);
            String commune = inventory.ancestorAtLevel(device.placeId(), communeLevel).map(Place::id).orElse(null);
            communeOf[i] = commune;
            if (commune != null) {
                byCommune.computeIfAbsent(commune, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> communeIds = new ArrayList<>();
        for (Place place : inventory.placesAtLevel(communeLevel)) {
            communeIds.add(place.id());
        }
        this.communes = List.copyOf(communeIds);
        Map<String, List<Integer>> frozen = new LinkedHashMap<>();
        byCommune.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        this.devicesByCommune = Collections.unmodifiableMap(frozen);
        this.villages = inventory.placesAtLevel(inventory.leafLevel());
    }

    /** The inventory. */
    public Inventory inventory() {
        return inventory;
    }

    /** Every device in inventory order; a device's position is its index. */
    public List<Device> devices() {
        return devices;
    }

    /** The number of devices. */
    public int size() {
        return devices.size();
    }

    /** The index of a device, or empty when the inventory has no such device. */
    public Optional<Integer> indexOf(String deviceId) {
        return Optional.ofNullable(indexById.get(deviceId));
    }

    /** The id of the commune of the device at {@code index}, or null when its place has none. */
    public String communeOf(int index) {
        return communeOf[index];
    }

    /** The level communes are at ({@link Inventory#communeLevel()}). */
    public String communeLevel() {
        return communeLevel;
    }

    /** The commune ids in tree order. */
    public List<String> communes() {
        return communes;
    }

    /** The indexes of the devices of a commune, in inventory order. */
    public List<Integer> devicesOfCommune(String communeId) {
        return devicesByCommune.getOrDefault(communeId, List.of());
    }

    /** The leaves of the place tree (villages, hamlets), in tree order. */
    public List<Place> villages() {
        return villages;
    }

    /** The indexes of the devices at a place and below it, in inventory order. */
    public List<Integer> devicesUnder(String placeId) {
        List<Integer> indexes = new ArrayList<>();
        for (Device device : inventory.devicesUnder(placeId)) {
            indexes.add(indexById.get(device.id()));
        }
        indexes.sort(Integer::compare);
        return indexes;
    }

    /** The indexes of the devices of a kind, in inventory order. */
    public List<Integer> devicesOfKind(DeviceKind kind) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).kind() == kind) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}

package vn.commune.telemetry.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * A validated fleet: the place tree and the devices at its places.
 *
 * <p>Immutable and safe to share between threads; every lookup by id is a hash-map lookup. Built by
 * {@link InventoryBuilder}, {@link InventoryReader} or {@link FleetGenerator}. Places are kept in tree pre-order
 * (a parent before its children, children in file order) and devices in file order. Queries about an id that is
 * not in the inventory return an empty result.
 */
public final class Inventory {

    private final List<String> levels;
    private final Map<String, Place> places;
    private final Map<String, Device> devices;
    private final List<Place> roots;
    private final Map<String, List<Device>> devicesAt;
    private final Map<String, List<Device>> devicesBehind;
    /** Tags are asked for every stored point: computed once per device, on first use. */
    private final Map<String, Map<String, String>> tagCache = new ConcurrentHashMap<>();

    /** Takes places already in pre-order with depth, population and children filled in; see the builder. */
    Inventory(List<String> levels, List<Place> preorderPlaces, List<Device> deviceList) {
        this.levels = List.copyOf(levels);
        Map<String, Place> placeMap = new LinkedHashMap<>(capacity(preorderPlaces.size()));
        List<Place> rootList = new ArrayList<>();
        for (Place place : preorderPlaces) {
            placeMap.put(place.id(), place);
            if (place.isRoot()) {
                rootList.add(place);
            }
        }
        Map<String, Device> deviceMap = new LinkedHashMap<>(capacity(deviceList.size()));
        Map<String, List<Device>> at = new HashMap<>();
        Map<String, List<Device>> behind = new HashMap<>();
        for (Device device : deviceList) {
            deviceMap.put(device.id(), device);
            at.computeIfAbsent(device.placeId(), k -> new ArrayList<>()).add(device);
            if (device.gatewayId() != null) {
                behind.computeIfAbsent(device.gatewayId(), k -> new ArrayList<>()).add(device);
            }
        }
        this.places = Collections.unmodifiableMap(placeMap);
        this.devices = Collections.unmodifiableMap(deviceMap);
        this.roots = List.copyOf(rootList);
        this.devicesAt = freeze(at);
        this.devicesBehind = freeze(behind);
    }

    private static int capacity(int size) {
        return (int) Math.min(Integer.MAX_VALUE, size * 4L / 3 + 1);
    }

    private static Map<String, List<Device>> freeze(Map<String, List<Device>> map) {
        Map<String, List<Device>> frozen = new HashMap<>(capacity(map.size()));
        map.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return Collections.unmodifiableMap(frozen);
    }

    /** The names of the levels, top (root) first, leaf level last. */
    public List<String> levels() {
        return levels;
    }

    /** The name of the last level, the level of villages and hamlets in the usual four-level tree. */
    public String leafLevel() {
        return levels.get(levels.size() - 1);
    }

    /**
     * The level of the places that have a broadcast schedule and gateway of their own (communes, in the usual tree):
     * the level above the leaves, whatever it is named. A loudspeaker follows the schedule of its ancestor at this
     * level.
     */
    public String communeLevel() {
        return levels.get(levels.size() - 2);
    }

    /** The place at {@link #communeLevel()} above or at {@code placeId}, if any. */
    public Optional<Place> communeOf(String placeId) {
        return ancestorAtLevel(placeId, communeLevel());
    }

    /** The place with this id. */
    public Optional<Place> place(String id) {
        return Optional.ofNullable(places.get(id));
    }

    /** The device with this id. */
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** Every place, in tree pre-order. */
    public Collection<Place> places() {
        return places.values();
    }

    /** Every device, in file order. */
    public Collection<Device> devices() {
        return devices.values();
    }

    /** The places without a parent, in file order. */
    public List<Place> roots() {
        return roots;
    }

    /** The children of a place, in file order. */
    public List<Place> children(String placeId) {
        Place place = places.get(placeId);
        if (place == null) {
            return List.of();
        }
        List<Place> children = new ArrayList<>(place.childIds().size());
        for (String childId : place.childIds()) {
            children.add(places.get(childId));
        }
        return Collections.unmodifiableList(children);
    }

    /** Every place at this level, in tree pre-order. */
    public List<Place> placesAtLevel(String level) {
        List<Place> result = new ArrayList<>();
        for (Place place : places.values()) {
            if (place.level().equals(level)) {
                result.add(place);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** The place and its ancestors, root first and the place itself last; empty for an unknown place. */
    public List<Place> ancestors(String placeId) {
        Place place = places.get(placeId);
        if (place == null) {
            return List.of();
        }
        Place[] chain = new Place[place.depth() + 1];
        for (Place current = place; current != null; current = places.get(current.parentId())) {
            chain[current.depth()] = current;
            if (current.isRoot()) {
                break;
            }
        }
        return List.of(chain);
    }

    /** The ancestor of a place (or the place itself) that sits at this level. */
    public Optional<Place> ancestorAtLevel(String placeId, String level) {
        int depth = levels.indexOf(level);
        Place place = places.get(placeId);
        if (depth < 0 || place == null || depth > place.depth()) {
            return Optional.empty();
        }
        Place current = place;
        while (current.depth() > depth) {
            current = places.get(current.parentId());
        }
        return Optional.of(current);
    }

    /**
     * The tags of a device's measurements: {@code device} (its id), {@code kind} (its wire name) and, for every
     * level from the root down to its place, the level name mapped to the id of the place at that level, e.g.
     * {@code province}, {@code district}, {@code commune}, {@code village}. Ordered as listed; empty for an unknown
     * device.
     */
    public Map<String, String> tags(String deviceId) {
        Device device = devices.get(deviceId);
        if (device == null) {
            return Map.of();
        }
        Map<String, String> cached = tagCache.get(deviceId);
        return cached != null ? cached : tagCache.computeIfAbsent(deviceId, id -> computeTags(device));
    }

    private Map<String, String> computeTags(Device device) {
        Map<String, String> tags = new LinkedHashMap<>(16);
        tags.put("device", device.id());
        tags.put("kind", device.kind().wireName());
        for (Place place : ancestors(device.placeId())) {
            tags.put(place.level(), place.id());
        }
        return Collections.unmodifiableMap(tags);
    }

    /** The devices standing directly at a place (not below it), in file order. */
    public List<Device> devicesAt(String placeId) {
        return devicesAt.getOrDefault(placeId, List.of());
    }

    /** The devices at a place and at every place below it, in tree pre-order of their places. */
    public List<Device> devicesUnder(String placeId) {
        List<Device> result = new ArrayList<>();
        forEachInSubtree(placeId, place -> result.addAll(devicesAt(place.id())));
        return Collections.unmodifiableList(result);
    }

    /** The leaves (villages) under a place, in tree pre-order; the place itself when it is a leaf. */
    public List<Place> leavesUnder(String placeId) {
        List<Place> result = new ArrayList<>();
        forEachInSubtree(placeId, place -> {
            if (place.isLeaf()) {
                result.add(place);
            }
        });
        return Collections.unmodifiableList(result);
    }

    /** The devices that name this gateway as theirs, in file order. */
    public List<Device> devicesBehind(String gatewayId) {
        return devicesBehind.getOrDefault(gatewayId, List.of());
    }

    /** How many devices there are of each kind (kinds without devices are counted as 0). */
    public Map<DeviceKind, Integer> countByKind() {
        Map<DeviceKind, Integer> counts = new EnumMap<>(DeviceKind.class);
        for (DeviceKind kind : DeviceKind.values()) {
            counts.put(kind, 0);
        }
        for (Device device : devices.values()) {
            counts.merge(device.kind(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    private void forEachInSubtree(String placeId, Consumer<Place> action) {
        Place start = places.get(placeId);
        if (start == null) {
            return;
        }
        Deque<Place> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            Place place = stack.pop();
            action.accept(place);
            List<String> childIds = place.childIds();
            for (int i = childIds.size() - 1; i >= 0; i--) {
                stack.push(places.get(childIds.get(i)));
            }
        }
    }

    /** Two inventories are equal when they have the same levels, places (in order) and devices (in order). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Inventory that)) {
            return false;
        }
        return levels.equals(that.levels)
                && List.copyOf(places.values()).equals(List.copyOf(that.places.values()))
                && List.copyOf(devices.values()).equals(List.copyOf(that.devices.values()));
    }

    @Override
    public int hashCode() {
        return levels.hashCode() * 31 * 31 + places.keySet().hashCode() * 31 + devices.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "Inventory[levels=" + levels + ", places=" + places.size() + ", devices=" + devices.size() + "]";
    }
}

package vn.commune.telemetry.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Builds an {@link Inventory} in code. Places and devices may be added in any order (a child before its parent, a
 * device before its gateway); {@link #build()} checks every rule of the file format and reports the problems as an
 * {@link InventoryException}, exactly as the reader does for a file.
 *
 * <pre>{@code
 * Inventory inventory = new InventoryBuilder()
 *         .levels("province", "district", "commune", "village")
 *         .place("lao-cai", "Lào Cai", "province", null, null, null, null)
 *         ...
 *         .device("gw-gia-phu", DeviceKind.GATEWAY, "gia-phu", "Gateway xã Gia Phú", null, null)
 *         .build();
 * }</pre>
 *
 * <p>A builder is not thread-safe; it may be built more than once.
 */
public final class InventoryBuilder {

    /** A place as given, before validation. */
    record PlaceSpec(String id, String name, String level, String parentId, Long population, Double lat, Double lon,
            Origin origin) {
    }

    /** A device as given, before validation. */
    record DeviceSpec(String id, DeviceKind kind, String placeId, String name, String gatewayId, Duration interval,
            Origin origin) {
    }

    private final String source;
    private List<String> levels;
    private Origin levelsOrigin = Origin.of("levels");
    private final List<PlaceSpec> places = new ArrayList<>();
    private final List<DeviceSpec> devices = new ArrayList<>();

    /** A builder whose problems name their source {@code builder}. */
    public InventoryBuilder() {
        this("builder");
    }

    /** A builder whose problems name this source. */
    public InventoryBuilder(String source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A builder holding every level, place and device of an inventory, to derive a changed copy. */
    public static InventoryBuilder from(Inventory inventory) {
        InventoryBuilder builder = new InventoryBuilder();
        builder.levels(inventory.levels());
        for (Place place : inventory.places()) {
            builder.place(place.id(), place.name(), place.level(), place.parentId(),
                    place.isLeaf() ? place.population() : null, place.lat(), place.lon());
        }
        for (Device device : inventory.devices()) {
            builder.device(device);
        }
        return builder;
    }

    /** Sets the level names, top first (2 to 6 names). */
    public InventoryBuilder levels(String... names) {
        return levels(List.of(names));
    }

    /** Sets the level names, top first (2 to 6 names). */
    public InventoryBuilder levels(List<String> names) {
        return levels(names, Origin.of("levels"));
    }

    InventoryBuilder levels(List<String> names, Origin origin) {
        this.levels = names == null ? null : new ArrayList<>(names);
        this.levelsOrigin = origin;
        return this;
    }

    /**
     * Adds a place.
     *
     * @param id         ASCII slug, unique
     * @param name       display name
     * @param level      its level: the first level for a top place, else the level after its parent's
     * @param parentId   its parent, {@code null} for a top place
     * @param population its population if it will have no children, else {@code null}
     * @param lat        latitude, or {@code null} (required on places without children)
     * @param lon        longitude, or {@code null} (required on places without children)
     */
    public InventoryBuilder place(String id, String name, String level, String parentId, Long population, Double lat,
            Double lon) {
        return place(new PlaceSpec(id, name, level, parentId, population, lat, lon,
                Origin.of("places[" + places.size() + "]")));
    }

    InventoryBuilder place(PlaceSpec spec) {
        places.add(spec);
        return this;
    }

    /**
     * Adds a device.
     *
     * @param id        device id, unique
     * @param kind      its kind
     * @param placeId   the place it stands at
     * @param name      display name, or {@code null}
     * @param gatewayId the gateway device it connects through, or {@code null}
     * @param interval  its status interval, or {@code null} for the default of its kind
     */
    public InventoryBuilder device(String id, DeviceKind kind, String placeId, String name, String gatewayId,
            Duration interval) {
        return device(new DeviceSpec(id, kind, placeId, name, gatewayId, interval,
                Origin.of("devices[" + devices.size() + "]")));
    }

    /** Adds a device. */
    public InventoryBuilder device(Device device) {
        return device(device.id(), device.kind(), device.placeId(), device.name(), device.gatewayId(),
                device.interval());
    }

    InventoryBuilder device(DeviceSpec spec) {
        devices.add(spec);
        return this;
    }

    /** How many devices have been added so far. */
    public int deviceCount() {
        return devices.size();
    }

    /** How many places have been added so far. */
    public int placeCount() {
        return places.size();
    }

    /** Validates everything added and returns the inventory. */
    public Inventory build() throws InventoryException {
        return new InventoryAssembler(source, levels, levelsOrigin, List.copyOf(places), List.copyOf(devices))
                .assemble();
    }
}

package vn.commune.telemetry.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One place of the tree: a province, district, commune, village or whatever the inventory's levels are called.
 *
 * @param id         ASCII slug, unique in the inventory
 * @param name       display name, usually Vietnamese with diacritics
 * @param level      the name of its level, one of {@link Inventory#levels()}
 * @param depth      0 for a root, the index of {@code level} in {@link Inventory#levels()}
 * @param parentId   the parent's id, {@code null} for a root
 * @param population a leaf's own population; for other places the sum over their leaves
 * @param lat        latitude in degrees, {@code null} when not given (always given on leaves)
 * @param lon        longitude in degrees, {@code null} when not given (always given on leaves)
 * @param childIds   ids of the children in file order, empty for a leaf
 */
public record Place(String id, String name, String level, int depth, String parentId, Long population, Double lat,
        Double lon, List<String> childIds) {

    /** Checks the fields that must be present and copies the child list. */
    public Place {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        childIds = List.copyOf(childIds);
    }

    /** Whether the place has no children (villages, or a place whose children are not recorded yet). */
    public boolean isLeaf() {
        return childIds.isEmpty();
    }

    /** Whether the place has no parent. */
    public boolean isRoot() {
        return parentId == null;
    }

    /** Whether the place has coordinates. */
    public boolean hasLocation() {
        return lat != null && lon != null;
    }
}

package vn.commune.telemetry.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.commune.telemetry.inventory.InventoryBuilder.DeviceSpec;
import vn.commune.telemetry.inventory.InventoryBuilder.PlaceSpec;

/** Checks the rules of the format on what a builder collected and turns it into an {@link Inventory}. */
final class InventoryAssembler {

    static final Pattern PLACE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final Pattern LEVEL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final Set<String> RESERVED_LEVEL_NAMES = Set.of("device", "kind");
    static final int MIN_LEVELS = 2;
    static final int MAX_LEVELS = 6;
    static final int MAX_NAME_LENGTH = 200;
    static final long MAX_POPULATION = 1_000_000_000L;

    private final List<String> levels;
    private final Origin levelsOrigin;
    private final List<PlaceSpec> placeSpecs;
    private final List<DeviceSpec> deviceSpecs;
    private final Problems problems;

    InventoryAssembler(String source, List<String> levels, Origin levelsOrigin, List<PlaceSpec> places,
            List<DeviceSpec> devices) {
        this.levels = levels;
        this.levelsOrigin = levelsOrigin;
        this.placeSpecs = places;
        this.deviceSpecs = devices;
        this.problems = new Problems(source);
    }

    Inventory assemble() throws InventoryException {
        checkLevels();
        problems.throwIfAny();
        Map<String, PlaceSpec> placesById = indexPlaces();
        DeviceChecker devices = new DeviceChecker(deviceSpecs, placesById.keySet(), problems);
        devices.checkEntries();
        problems.consequences();
        Map<String, List<PlaceSpec>> children = linkChildren(placesById);
        Map<String, Integer> depths = new HashMap<>();
        List<PlaceSpec> preorder = walkTree(placesById, children, depths);
        checkLeaves(preorder, children);
        devices.checkReferences();
        problems.throwIfAny();
        return new Inventory(levels, toPlaces(preorder, children, depths), devices.devices());
    }

    private void checkLevels() {
        if (levels == null) {
            problems.add(levelsOrigin, "missing");
            return;
        }
        if (levels.size() < MIN_LEVELS || levels.size() > MAX_LEVELS) {
            problems.add(levelsOrigin, "must name " + MIN_LEVELS + " to " + MAX_LEVELS + " levels, not "
                    + levels.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < levels.size(); i++) {
            String name = levels.get(i);
            String path = levelsOrigin.path() + "[" + i + "]";
            int line = levelsOrigin.lineOf("[" + i + "]");
            if (name == null || !LEVEL_NAME.matcher(name).matches()) {
                problems.add(path, line, "'" + name + "' is not a valid level name (lowercase ASCII letters, digits"
                        + " and '_', up to 32, starting with a letter)");
            } else if (RESERVED_LEVEL_NAMES.contains(name)) {
                problems.add(path, line, "'" + name + "' is reserved for a tag of its own (device, kind)");
            } else if (!seen.add(name)) {
                problems.add(path, line, "level '" + name + "' is named twice");
            }
        }
    }

    private Map<String, PlaceSpec> indexPlaces() {
        Map<String, PlaceSpec> byId = new LinkedHashMap<>();
        for (PlaceSpec spec : placeSpecs) {
            Origin origin = spec.origin();
            if (spec.id() == null) {
                problems.add(origin, "id", "missing");
            } else if (!PLACE_ID.matcher(spec.id()).matches()) {
                problems.add(origin, "id", "'" + spec.id() + "' is not a valid place id (lowercase ASCII letters,"
                        + " digits and '-', up to 64, starting with a letter or digit)");
            } else if (byId.containsKey(spec.id())) {
                problems.add(origin, "id", "duplicate place id '" + spec.id() + "' (first at "
                        + where(byId.get(spec.id()).origin(), "id") + ")");
            } else {
                byId.put(spec.id(), spec);
            }
            checkName(problems, origin, spec.name(), true);
            if (spec.level() == null) {
                problems.add(origin, "level", "missing");
            } else if (!levels.contains(spec.level())) {
                problems.add(origin, "level", "unknown level '" + spec.level() + "' (levels: "
                        + String.join(", ", levels) + ")");
            }
            checkCoordinates(spec, origin);
            if (spec.population() != null && spec.population() < 0) {
                problems.add(origin, "population", "must be >= 0, not " + spec.population());
            } else if (spec.population() != null && spec.population() > MAX_POPULATION) {
                problems.add(origin, "population", "must be at most " + MAX_POPULATION);
            }
        }
        return byId;
    }

    static String where(Origin origin, String field) {
        int line = origin.lineOf(field);
        return line > 0 ? "line " + line : origin.path();
    }

    static void checkName(Problems problems, Origin origin, String name, boolean required) {
        if (name == null) {
            if (required) {
                problems.add(origin, "name", "missing");
            }
        } else if (name.isBlank()) {
            problems.add(origin, "name", "must not be blank");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(origin, "name", "longer than " + MAX_NAME_LENGTH + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(origin, "name", "must not contain control characters (line breaks, tabs)");
        }
    }

    private void checkCoordinates(PlaceSpec spec, Origin origin) {
        if (spec.lat() != null && !(spec.lat() >= -90 && spec.lat() <= 90)) {
            problems.add(origin, "lat", "must be between -90 and 90, not " + spec.lat());
        }
        if (spec.lon() != null && !(spec.lon() >= -180 && spec.lon() <= 180)) {
            problems.add(origin, "lon", "must be between -180 and 180, not " + spec.lon());
        }
        if (spec.lat() != null && spec.lon() == null) {
            problems.add(origin, "lat", "lat and lon go together: lon is missing");
        } else if (spec.lat() == null && spec.lon() != null) {
            problems.add(origin, "lon", "lat and lon go together: lat is missing");
        }
    }

    private Map<String, List<PlaceSpec>> linkChildren(Map<String, PlaceSpec> byId) {
        Map<String, List<PlaceSpec>> children = new HashMap<>();
        for (PlaceSpec spec : byId.values()) {
            if (spec.parentId() == null) {
                continue;
            }
            if (byId.containsKey(spec.parentId())) {
                children.computeIfAbsent(spec.parentId(), k -> new ArrayList<>()).add(spec);
            } else {
                problems.add(spec.origin(), "parent", "no place '" + spec.parentId() + "'");
            }
        }
        return children;
    }

    private List<PlaceSpec> walkTree(Map<String, PlaceSpec> byId, Map<String, List<PlaceSpec>> children,
            Map<String, Integer> depths) {
        List<PlaceSpec> preorder = new ArrayList<>(byId.size());
        Deque<PlaceSpec> stack = new ArrayDeque<>();
        List<PlaceSpec> roots = new ArrayList<>();
        for (PlaceSpec spec : byId.values()) {
            if (spec.parentId() == null) {
                roots.add(spec);
                depths.put(spec.id(), 0);
            }
        }
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            PlaceSpec spec = stack.pop();
            preorder.add(spec);
            int depth = depths.get(spec.id());
            checkLevelAt(spec, depth);
            List<PlaceSpec> kids = children.getOrDefault(spec.id(), List.of());
            if (kids.isEmpty()) {
                continue;
            }
            if (depth + 1 >= levels.size()) {
                problems.add(spec.origin(), "children", "a place at the last level ('" + levels.get(depth)
                        + "') cannot have children");
                markBelow(kids, children, depths, depth + 1);
                continue;
            }
            for (int i = kids.size() - 1; i >= 0; i--) {
                depths.put(kids.get(i).id(), depth + 1);
                stack.push(kids.get(i));
            }
        }
        for (PlaceSpec spec : byId.values()) {
            if (!depths.containsKey(spec.id()) && byId.containsKey(spec.parentId())) {
                problems.add(spec.origin(), "parent", "place '" + spec.id() + "' is not below any top place"
                        + " (its parents form a cycle)");
            }
        }
        return preorder;
    }

    /** Gives the places below a misplaced child a depth (for the cycle check) without checking them. */
    private static void markBelow(List<PlaceSpec> kids, Map<String, List<PlaceSpec>> children,
            Map<String, Integer> depths, int depth) {
        Deque<PlaceSpec> stack = new ArrayDeque<>(kids);
        while (!stack.isEmpty()) {
            PlaceSpec spec = stack.pop();
            if (depths.putIfAbsent(spec.id(), depth) == null) {
                stack.addAll(children.getOrDefault(spec.id(), List.of()));
            }
        }
    }

    private void checkLevelAt(PlaceSpec spec, int depth) {
        String expected = levels.get(depth);
        if (spec.level() == null || expected.equals(spec.level()) || !levels.contains(spec.level())) {
            return;
        }
        if (depth == 0) {
            problems.add(spec.origin(), "level", "a top place must be at level '" + expected + "', not '"
                    + spec.level() + "'");
        } else {
            problems.add(spec.origin(), "level", "expected '" + expected + "' (the level below '"
                    + levels.get(depth - 1) + "'), not '" + spec.level() + "'");
        }
    }

    private void checkLeaves(List<PlaceSpec> preorder, Map<String, List<PlaceSpec>> children) {
        for (PlaceSpec spec : preorder) {
            boolean leaf = !children.containsKey(spec.id());
            if (leaf && spec.population() == null) {
                problems.add(spec.origin(), "population", "missing (required on places without children)");
            } else if (!leaf && spec.population() != null) {
                problems.add(spec.origin(), "population", "only places without children have a population"
                        + " (a parent's is the sum of its leaves)");
            }
            if (leaf && spec.lat() == null && spec.lon() == null) {
                problems.add(spec.origin(), "lat", "missing (coordinates are required on places without children)");
            }
        }
    }

    private List<Place> toPlaces(List<PlaceSpec> preorder, Map<String, List<PlaceSpec>> children,
            Map<String, Integer> depths) {
        Map<String, Long> population = new HashMap<>();
        for (int i = preorder.size() - 1; i >= 0; i--) {
            PlaceSpec spec = preorder.get(i);
            List<PlaceSpec> kids = children.get(spec.id());
            long sum = 0;
            if (kids == null) {
                sum = spec.population();
            } else {
                for (PlaceSpec kid : kids) {
                    sum += population.get(kid.id());
                }
            }
            population.put(spec.id(), sum);
        }
        List<Place> places = new ArrayList<>(preorder.size());
        for (PlaceSpec spec : preorder) {
            List<String> childIds = new ArrayList<>();
            for (PlaceSpec kid : children.getOrDefault(spec.id(), List.of())) {
                childIds.add(kid.id());
            }
            places.add(new Place(spec.id(), spec.name(), spec.level(), depths.get(spec.id()), spec.parentId(),
                    population.get(spec.id()), spec.lat(), spec.lon(), childIds));
        }
        return places;
    }
}

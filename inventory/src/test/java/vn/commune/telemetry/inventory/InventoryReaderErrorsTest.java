package vn.commune.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies that every kind of bad inventory is refused with {@code file:line: path: reason}. */
class InventoryReaderErrorsTest {

    /** A valid inventory; the cases below change one thing in it. Line numbers are in the comments. */
    static final String BASE = """
            version: 1
            levels: [province, district, commune, village]
            places:
              - id: lao-cai
                name: Lào Cai
                level: province
                children:
                  - id: bao-thang
                    name: Bảo Thắng
                    level: district
                    children:
                      - id: gia-phu
                        name: Gia Phú
                        level: commune
                        children:
                          - id: gia-phu-thon-hai-khe
                            name: Thôn Hải Khê
                            level: village
                            population: 640
                            lat: 22.351
                            lon: 104.020
            devices:
              - id: gw-gia-phu
                kind: gateway
                place: gia-phu
              - id: ls-gia-phu-thon-hai-khe
                kind: loudspeaker
                place: gia-phu-thon-hai-khe
                gateway: gw-gia-phu
            """;
    // Lines: 1 version, 2 levels, 4 lao-cai, 8 bao-thang, 12 gia-phu, 16 village (19 population, 20 lat, 21 lon),
    // 22 devices, 23 gw-gia-phu (24 kind, 25 place), 26 ls (27 kind, 28 place, 29 gateway).

    private static final String VILLAGE = "places[0].children[0].children[0].children[0]";
    private static final String PLACE_ID_RULE = "(lowercase ASCII letters, digits and '-', up to 64, starting with"
            + " a letter or digit)";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // the document
                whole("empty file", "", "inventory.yaml: the file is empty"),
                whole("not a mapping", "- a\n- b\n",
                        "inventory.yaml:1: the document must be a mapping (version, levels, places, devices)"),
                change("YAML syntax", "    kind: loudspeaker\n", "    kind: loudspeaker: bad\n",
                        "inventory.yaml:27: invalid YAML: mapping values are not allowed here"),
                whole("two documents", BASE + "---\nversion: 1\n",
                        "inventory.yaml:31: only one YAML document is allowed"),
                change("duplicate key", "    kind: loudspeaker\n", "    kind: loudspeaker\n    kind: wifi\n",
                        "inventory.yaml:28: key 'kind' appears twice in one mapping (first at line 27)"),
                change("anchor", "levels: [", "levels: &levels [",
                        "inventory.yaml:2: YAML anchors (&levels) are not allowed in an inventory"),
                change("alias", "    gateway: gw-gia-phu\n", "    gateway: *gw\n",
                        "inventory.yaml:29: YAML aliases (*gw) are not allowed in an inventory"),
                whole("alias bomb", "a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
                        "inventory.yaml:1: YAML anchors (&a) are not allowed in an inventory"),
                change("unknown top-level key", "devices:\n", "device:\n",
                        "inventory.yaml:22: device: unknown key (did you mean 'devices'?); allowed: version, levels,"
                                + " places, devices"),
                change("unknown place key", "population: 640", "popluation: 640",
                        "inventory.yaml:19: " + VILLAGE + ".popluation: unknown key (did you mean 'population'?);"
                                + " allowed: id, name, level, population, lat, lon, children"),
                change("unknown device key", "    gateway: gw-gia-phu\n", "    gatway: gw-gia-phu\n",
                        "inventory.yaml:29: devices[1].gatway: unknown key (did you mean 'gateway'?); allowed: id,"
                                + " kind, place, name, gateway, interval"),
                change("unknown key, no suggestion", "    gateway: gw-gia-phu\n", "    owner: Viettel\n",
                        "inventory.yaml:29: devices[1].owner: unknown key; allowed: id, kind, place, name,"
                                + " gateway, interval"),
                // version and levels
                change("version missing", "version: 1\n", "",
                        "inventory.yaml:1: version: missing (this reader knows version 1)"),
                change("version unknown", "version: 1\n", "version: 2\n",
                        "inventory.yaml:1: version: unsupported version '2' (this reader knows version 1)"),
                change("levels missing", "levels: [province, district, commune, village]\n", "",
                        "inventory.yaml:1: levels: missing"),
                change("one level", "[province, district, commune, village]", "[village]",
                        "inventory.yaml:2: levels: must name 2 to 6 levels, not 1"),
                change("seven levels", "[province, district, commune, village]", "[a, b, c, d, e, f, g]",
                        "inventory.yaml:2: levels: must name 2 to 6 levels, not 7"),
                change("bad level name", "commune, village]", "commune, Village]",
                        "inventory.yaml:2: levels[3]: 'Village' is not a valid level name (lowercase ASCII letters,"
                                + " digits and '_', up to 32, starting with a letter)"),
                change("level named twice", "commune, village]", "commune, commune]",
                        "inventory.yaml:2: levels[3]: level 'commune' is named twice"),
                change("reserved level name", "commune, village]", "commune, kind]",
                        "inventory.yaml:2: levels[3]: 'kind' is reserved for a tag of its own (device, kind)"),
                // places
                whole("no places", "version: 1\nlevels: [a, b]\nplaces: []\n",
                        "inventory.yaml:3: places: must list at least one place"),
                whole("places missing", "version: 1\nlevels: [a, b]\n", "inventory.yaml:1: places: missing"),
                whole("place not a mapping", "version: 1\nlevels: [a, b]\nplaces:\n  - just-a-string\n",
                        "inventory.yaml:4: places[0]: must be a mapping of keys to values, not 'just-a-string'"),
                whole("children not a list",
                        "version: 1\nlevels: [a, b]\nplaces:\n  - id: x\n    name: X\n    level: a\n    children: 3\n",
                        "inventory.yaml:7: places[0].children: must be a list, not '3'"),
                change("place id missing", "  - id: bao-thang\n        name", "  - name",
                        "inventory.yaml:8: places[0].children[0].id: missing"),
                change("bad place id", "- id: gia-phu\n", "- id: Gia_Phu\n",
                        "inventory.yaml:12: places[0].children[0].children[0].id: 'Gia_Phu' is not a valid place id "
                                + PLACE_ID_RULE),
                change("duplicate place id", "- id: gia-phu-thon-hai-khe\n", "- id: gia-phu\n",
                        "inventory.yaml:16: " + VILLAGE + ".id: duplicate place id 'gia-phu' (first at line 12)"),
                change("name missing", "        name: Bảo Thắng\n", "",
                        "inventory.yaml:8: places[0].children[0].name: missing"),
                change("name blank", "name: Bảo Thắng", "name: ' '",
                        "inventory.yaml:9: places[0].children[0].name: must not be blank"),
                change("name not a scalar", "name: Bảo Thắng", "name: [Bảo, Thắng]",
                        "inventory.yaml:9: places[0].children[0].name: must be a single value, not a list"),
                change("unknown level", "level: district", "level: huyen",
                        "inventory.yaml:10: places[0].children[0].level: unknown level 'huyen' (levels: province,"
                                + " district, commune, village)"),
                change("level out of order", "level: commune", "level: village",
                        "inventory.yaml:14: places[0].children[0].children[0].level: expected 'commune' (the level"
                                + " below 'district'), not 'village'"),
                change("top place not at first level", "level: province", "level: district",
                        "inventory.yaml:6: places[0].level: a top place must be at level 'province', not"
                                + " 'district'"),
                whole("children below the last level", """
                        version: 1
                        levels: [commune, village]
                        places:
                          - id: gia-phu
                            name: Gia Phú
                            level: commune
                            children:
                              - id: hai-khe
                                name: Thôn Hải Khê
                                level: village
                                lat: 22.3
                                lon: 104.0
                                children:
                                  - id: xom-1
                                    name: Xóm 1
                                    level: village
                                    population: 5
                                    lat: 22.3
                                    lon: 104.0
                        """, "inventory.yaml:13: places[0].children[0].children: a place at the last level"
                        + " ('village') cannot have children"),
                change("population missing", "                population: 640\n", "",
                        "inventory.yaml:16: " + VILLAGE + ".population: missing (required on places without"
                                + " children)"),
                change("population on a parent", "level: commune\n", "level: commune\n            population: 5\n",
                        "inventory.yaml:15: places[0].children[0].children[0].population: only places without"
                                + " children have a population (a parent's is the sum of its leaves)"),
                change("negative population", "population: 640", "population: -5",
                        "inventory.yaml:19: " + VILLAGE + ".population: must be >= 0, not -5"),
                change("fractional population", "population: 640", "population: 640.5",
                        "inventory.yaml:19: " + VILLAGE + ".population: must be a whole number, not '640.5'"),
                change("population not a number", "population: 640", "population: many",
                        "inventory.yaml:19: " + VILLAGE + ".population: must be a whole number, not 'many'"),
                change("population too large", "population: 640", "population: 99999999999999999999999",
                        "inventory.yaml:19: " + VILLAGE + ".population: '99999999999999999999999' is too large"),
                change("latitude out of range", "lat: 22.351", "lat: 122.351",
                        "inventory.yaml:20: " + VILLAGE + ".lat: must be between -90 and 90, not 122.351"),
                change("longitude out of range", "lon: 104.020", "lon: 204.02",
                        "inventory.yaml:21: " + VILLAGE + ".lon: must be between -180 and 180, not 204.02"),
                change("latitude not a number", "lat: 22.351", "lat: north",
                        "inventory.yaml:20: " + VILLAGE + ".lat: must be a number, not 'north'"),
                change("lat without lon", "                lon: 104.020\n", "",
                        "inventory.yaml:20: " + VILLAGE + ".lat: lat and lon go together: lon is missing"),
                change("leaf without coordinates", "                lat: 22.351\n                lon: 104.020\n",
                        "", "inventory.yaml:16: " + VILLAGE + ".lat: missing (coordinates are required on places"
                                + " without children)"),
                // devices
                change("bad device id", "- id: ls-gia-phu-thon-hai-khe", "- id: ls gia phu",
                        "inventory.yaml:26: devices[1].id: 'ls gia phu' is not a valid device id (ASCII letters,"
                                + " digits, '_' and '-', up to 64, starting with a letter or digit)"),
                change("duplicate device id", "- id: ls-gia-phu-thon-hai-khe", "- id: gw-gia-phu",
                        "inventory.yaml:26: devices[1].id: duplicate device id 'gw-gia-phu' (first at line 23)"),
                change("device id missing", "  - id: ls-gia-phu-thon-hai-khe\n    kind", "  - kind",
                        "inventory.yaml:26: devices[1].id: missing"),
                change("unknown kind", "kind: loudspeaker", "kind: speaker",
                        "inventory.yaml:27: devices[1].kind: unknown kind 'speaker' (expected loudspeaker, wifi,"
                                + " camera, gateway)"),
                change("kind missing", "    kind: loudspeaker\n", "",
                        "inventory.yaml:26: devices[1].kind: missing"),
                change("unknown place", "place: gia-phu-thon-hai-khe", "place: xyz",
                        "inventory.yaml:28: devices[1].place: no place 'xyz'"),
                change("place missing", "    place: gia-phu-thon-hai-khe\n", "",
                        "inventory.yaml:26: devices[1].place: missing"),
                change("unknown gateway", "gateway: gw-gia-phu", "gateway: gw-nowhere",
                        "inventory.yaml:29: devices[1].gateway: no device 'gw-nowhere'"),
                change("gateway of the wrong kind", "kind: gateway", "kind: camera",
                        "inventory.yaml:29: devices[1].gateway: 'gw-gia-phu' is a camera, not a gateway"),
                change("own gateway", "gateway: gw-gia-phu", "gateway: ls-gia-phu-thon-hai-khe",
                        "inventory.yaml:29: devices[1].gateway: a device cannot be its own gateway"),
                whole("gateway behind a gateway",
                        BASE + "  - id: gw-two\n    kind: gateway\n    place: gia-phu\n    gateway: gw-gia-phu\n",
                        "inventory.yaml:33: devices[2].gateway: a gateway cannot sit behind another gateway"),
                whole("interval not ISO-8601", BASE + "    interval: 60s\n",
                        "inventory.yaml:30: devices[1].interval: '60s' is not an ISO-8601 duration (for example"
                                + " PT60S)"),
                whole("interval too short", BASE + "    interval: PT0.5S\n",
                        "inventory.yaml:30: devices[1].interval: must be between PT1S and PT24H, not PT0.5S"),
                whole("device name blank", BASE + "    name: ''\n",
                        "inventory.yaml:30: devices[1].name: must not be blank"),
                change("devices not a list", "devices:\n  - id: gw-gia-phu\n    kind: gateway\n    place: gia-phu\n"
                        + "  - id: ls-gia-phu-thon-hai-khe\n    kind: loudspeaker\n    place: gia-phu-thon-hai-khe\n"
                        + "    gateway: gw-gia-phu\n", "devices: all of them\n",
                        "inventory.yaml:22: devices: must be a list, not 'all of them'"));
    }

    private static Arguments change(String name, String from, String to, String message) {
        assertThat(BASE.indexOf(from)).as("'%s' occurs once in BASE", from).isEqualTo(BASE.lastIndexOf(from))
                .isNotNegative();
        return Arguments.of(name, BASE.replace(from, to), message);
    }

    private static Arguments whole(String name, String yaml, String message) {
        return Arguments.of(name, yaml, message);
    }

    /** Verifies that the base document itself is valid, so each case fails for its one change only. */
    @Test
    void baseIsValid() throws InventoryException {
        Inventory inventory = Fixtures.read(BASE, "inventory.yaml");
        assertThat(inventory.devices()).hasSize(2);
    }

    /** Verifies that a bad file is refused with the expected file, line, path and reason. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refused(String name, String yaml, String message) {
        InventoryException error = catchThrowableOfType(InventoryException.class,
                () -> Fixtures.read(yaml, "inventory.yaml"));
        assertThat(error).as(name).isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.source()).isEqualTo("inventory.yaml");
        assertThat(message).startsWith(error.line() == 0 ? "inventory.yaml: " : "inventory.yaml:" + error.line() + ":");
        assertThat(message).endsWith(error.reason());
    }

    /** Verifies that the accessors split the message into its parts. */
    @Test
    void parts() {
        InventoryException error = catchThrowableOfType(InventoryException.class,
                () -> Fixtures.read(BASE.replace("place: gia-phu-thon-hai-khe", "place: xyz"), "inventory.yaml"));
        assertThat(error.line()).isEqualTo(28);
        assertThat(error.path()).isEqualTo("devices[1].place");
        assertThat(error.reason()).isEqualTo("no place 'xyz'");
    }

    /** Verifies that the first problem is reported and the others travel along as suppressed exceptions. */
    @Test
    void severalProblems() {
        String yaml = BASE.replace("place: gia-phu-thon-hai-khe", "place: xyz").replace("population: 640",
                "population: -1").replace("kind: gateway", "kind: camera");
        InventoryException error = catchThrowableOfType(InventoryException.class,
                () -> Fixtures.read(yaml, "inventory.yaml"));
        assertThat(error.line()).isEqualTo(19);
        assertThat(error.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                "inventory.yaml:28: devices[1].place: no place 'xyz'",
                "inventory.yaml:29: devices[1].gateway: 'gw-gia-phu' is a camera, not a gateway");
    }

    /** Verifies that a mistyped parent id is reported rather than the missing population it causes. */
    @Test
    void causeBeforeConsequence() {
        String yaml = BASE.replace("- id: gia-phu-thon-hai-khe\n", "- id: Hai Khe\n");
        assertThatThrownBy(() -> Fixtures.read(yaml, "inventory.yaml")).hasMessage("inventory.yaml:16: " + VILLAGE
                + ".id: 'Hai Khe' is not a valid place id " + PLACE_ID_RULE);
    }
}

package vn.commune.telemetry.service.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.protocol.DeviceKind;

/** The rules file: the shipped one, and every problem named by file, line and path. */
class AlertRulesReaderTest {

    private static final Inventory INVENTORY = read();

    private static Inventory read() {
        try {
            return InventoryReader.read(Path.of("..", "config", "inventory.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<AlertRule> parse(String yaml) throws InventoryException {
        return AlertRulesReader.read(new StringReader(yaml), "alerts.yaml", INVENTORY).rules();
    }

    /** Verifies that the shipped rules parse, with their defaults. */
    @Test
    void shippedRules() throws Exception {
        List<AlertRule> rules = AlertRulesReader.read(Path.of("..", "config", "alerts.yaml"), INVENTORY).rules();

        assertThat(rules).extracting(AlertRule::id).contains("device-offline", "gateway-unreachable", "battery-low");
        AlertRule offline = rules.get(0);
        assertThat(offline.type()).isEqualTo(RuleType.OFFLINE);
        assertThat(offline.kinds()).containsExactlyInAnyOrder(DeviceKind.LOUDSPEAKER, DeviceKind.WIFI,
                DeviceKind.CAMERA);
        assertThat(offline.pending()).isEqualTo(Duration.ofMinutes(10));
        assertThat(offline.places()).isEmpty();
    }

    /** Verifies each problem's message: file, line, path and reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type    | - {id: a, type: ofline}                           | alerts.yaml:3: rules[0].type: unknown type 'ofline'; one of offline, gateway_unreachable, on_battery, battery_below, temperature_above, not_recording, storage_above, signal_below, commune_down, broadcast_missed",
        "no level        | - {id: a, type: battery_below}                    | alerts.yaml:3: rules[0].level: required for rules of type battery_below",
        "level not used  | - {id: a, type: offline, level: 3}                | alerts.yaml:3: rules[0].level: rules of type offline have no level",
        "wrong kind      | - {id: a, type: gateway_unreachable, kinds: [wifi]} | alerts.yaml:3: rules[0].kinds[0]: rules of type gateway_unreachable apply to gateway, not wifi",
        "unknown place   | - {id: a, type: offline, places: [nowhere]}       | alerts.yaml:3: rules[0].places[0]: no place 'nowhere' in the inventory",
        "bad duration    | - {id: a, type: offline, for: 10m}                | alerts.yaml:3: rules[0].for: '10m' is not an ISO-8601 duration such as PT10M",
        "bad severity    | - {id: a, type: offline, severity: high}          | alerts.yaml:3: rules[0].severity: unknown severity 'high'; one of info, warning, critical",
        "unknown key     | - {id: a, type: offline, fro: PT1M}               | alerts.yaml:3: rules[0].fro: unknown key (did you mean 'for'?); allowed: id, type, severity, for, kinds, places, level, flap_window, flap_start, flap_stop",
        "flap on status  | - {id: a, type: on_battery, flap_start: 3}         | alerts.yaml:3: rules[0]: flap_window, flap_start and flap_stop are for rules of type offline and gateway_unreachable",
        "flap thresholds | - {id: a, type: offline, flap_start: 3, flap_stop: 3} | alerts.yaml:3: rules[0]: flap_start must be 2 to 1000 and flap_stop below it (got 3 and 3)",
        "missed with for | - {id: a, type: broadcast_missed, for: PT5M}      | alerts.yaml:3: rules[0].for: rules of type broadcast_missed fire when the missed occurrence is over; they have no 'for'",
        "twice           | [{id: a, type: offline}, {id: a, type: on_battery}] | alerts.yaml:3: rules[1].id: 'a' is used by another rule",
    })
    void problems(String name, String rules, String expected) {
        assertThatThrownBy(() -> parse("version: 1\nrules:\n  " + rules + "\n"))
                .isInstanceOf(InventoryException.class).hasMessage(expected);
    }

    /** Verifies the version and the rules list are required. */
    @Test
    void versionAndRules() {
        assertThatThrownBy(() -> parse("rules: []\n")).hasMessage("alerts.yaml:1: version: required: 1");
        assertThatThrownBy(() -> parse("version: 2\nrules: []\n"))
                .hasMessage("alerts.yaml:1: version: version 2 is not supported, only 1");
        assertThatThrownBy(() -> parse("version: 1\n")).hasMessageContaining("rules: required");
    }

    /** Verifies people: technicians with their communes, staff everywhere, and routing by place. */
    @Test
    void people() throws Exception {
        AlertConfig config = AlertRulesReader.read(new StringReader("""
                version: 1
                rules: []
                people:
                  - id: binh
                    name: Nguyễn Văn Bình
                    role: technician
                    places: [gia-phu]
                    email: binh@example.vn
                    telegram: "123456789"
                  - id: lan
                    role: staff
                    email: lan@example.vn
                """), "alerts.yaml", INVENTORY);

        assertThat(config.people()).extracting(Person::id).containsExactly("binh", "lan");
        assertThat(config.people().get(1).name()).isEqualTo("lan");
        Routing routing = new Routing(config.people());
        List<String> giaPhu = INVENTORY.ancestors("gia-phu").stream().map(p -> p.id()).toList();
        assertThat(routing.firing(giaPhu)).containsExactly("binh");
        assertThat(routing.escalation(giaPhu)).containsExactly("lan");
        // where no technician is assigned, staff get the firing at once
        String elsewhere = INVENTORY.placesAtLevel(INVENTORY.communeLevel()).stream().map(p -> p.id())
                .filter(id -> !id.equals("gia-phu")).findFirst().orElseThrow();
        assertThat(routing.firing(INVENTORY.ancestors(elsewhere).stream().map(p -> p.id()).toList()))
                .containsExactly("lan");
    }

    /** Verifies each problem of a person is named by line and path. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no role        | - {id: a, email: a@b.vn}                                   | alerts.yaml:4: people[0].role: required; one of technician, staff",
        "unknown role   | - {id: a, role: boss, email: a@b.vn}                       | alerts.yaml:4: people[0].role: unknown role 'boss'; one of technician, staff",
        "no places      | - {id: a, role: technician, email: a@b.vn}                 | alerts.yaml:4: people[0].places: a technician needs the places (communes) assigned to them",
        "unknown place  | - {id: a, role: staff, places: [x], email: a@b.vn}        | alerts.yaml:4: people[0].places[0]: no place 'x' in the inventory",
        "bad email      | - {id: a, role: staff, email: nobody}                      | alerts.yaml:4: people[0].email: 'nobody' is not an e-mail address",
        "bad telegram   | - {id: a, role: staff, telegram: 'chat'}                   | alerts.yaml:4: people[0].telegram: 'chat' is not a Telegram chat id (a number, or @channelname)",
        "no address     | - {id: a, role: staff}                                     | alerts.yaml:4: people[0]: give an email or a telegram chat id, or both",
        "twice          | [{id: a, role: staff, email: a@b.vn}, {id: a, role: staff, email: c@d.vn}] | alerts.yaml:4: people[1].id: 'a' is used by another person",
    })
    void personProblems(String name, String people, String expected) {
        assertThatThrownBy(() -> AlertRulesReader.read(new StringReader("version: 1\nrules: []\npeople:\n  "
                + people + "\n"), "alerts.yaml", INVENTORY))
                .isInstanceOf(InventoryException.class).hasMessage(expected);
    }
}

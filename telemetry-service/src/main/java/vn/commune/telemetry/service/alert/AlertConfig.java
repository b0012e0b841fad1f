package vn.commune.telemetry.service.alert;

import java.util.List;

/**
 * What {@code config/alerts.yaml} holds: the rules, and the people alerts go to.
 *
 * @param rules  the rules
 * @param people technicians and staff, in the file's order
 */
public record AlertConfig(List<AlertRule> rules, List<Person> people) {

    /** No rules and nobody. */
    public static final AlertConfig EMPTY = new AlertConfig(List.of(), List.of());

    public AlertConfig {
        rules = List.copyOf(rules);
        people = List.copyOf(people);
    }
}

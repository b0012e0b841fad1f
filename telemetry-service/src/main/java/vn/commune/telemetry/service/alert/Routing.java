package vn.commune.telemetry.service.alert;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who an alert goes to, from the people of the rules file and the alert's place: its firing to the technicians
 * assigned to a place at or above it (its commune, usually), or to the staff covering it when no technician does; its
 * escalation to the staff covering it (staff with no places cover everywhere). Its resolution goes to whoever was
 * notified of it, which the engine remembers, not this.
 */
public final class Routing {

    private final List<Person> people;

    public Routing(List<Person> people) {
        this.people = List.copyOf(people);
    }

    /** The ids of the people a firing at a place whose chain (the place and its ancestors) is {@code chain} goes to. */
    public Set<String> firing(List<String> chain) {
        Set<String> technicians = covering(Person.Role.TECHNICIAN, chain);
        return technicians.isEmpty() ? covering(Person.Role.STAFF, chain) : technicians;
    }

    /** The ids of the staff an unacknowledged alert at such a place escalates to. */
    public Set<String> escalation(List<String> chain) {
        return covering(Person.Role.STAFF, chain);
    }

    private Set<String> covering(Person.Role role, List<String> chain) {
        Set<String> out = new LinkedHashSet<>();
        for (Person person : people) {
            if (person.role() == role && person.covers(chain)) {
                out.add(person.id());
            }
        }
        return out;
    }
}

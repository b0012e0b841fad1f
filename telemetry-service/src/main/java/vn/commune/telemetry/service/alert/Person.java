package vn.commune.telemetry.service.alert;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone alerts go to ({@code people} in {@code config/alerts.yaml}): a technician, who gets the alerts of the places
 * assigned to them (communes, usually), or district staff, who get what nobody acknowledged in time and what no
 * technician covers.
 *
 * @param id       unique, in the notification log
 * @param name     as shown in messages and the log
 * @param role     technician or staff
 * @param places   the places covered (devices at and below them); empty: everywhere
 * @param email    an e-mail address, or null
 * @param telegram a Telegram chat id (a number, or {@code @channel}), or null
 */
public record Person(String id, String name, Role role, List<String> places, String email, String telegram) {

    /** What a person does with alerts. */
    public enum Role {
        /** Drives out to fix devices; gets the alerts of their places first. */
        TECHNICIAN,
        /** District staff; get what was not acknowledged in time. */
        STAFF;

        /** The name in the rules file. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        places = List.copyOf(places);
    }

    /** Whether this person covers a place whose chain (the place and its ancestors) is {@code chain}. */
    public boolean covers(List<String> chain) {
        return places.isEmpty() || places.stream().anyMatch(chain::contains);
    }
}

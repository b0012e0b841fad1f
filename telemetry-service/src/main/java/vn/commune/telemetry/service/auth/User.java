package vn.commune.telemetry.service.auth;

import java.util.List;
import java.util.Objects;

/**
 * One user of the users file.
 *
 * @param username     the login: 1 to 64 of a-z 0-9 . _ -
 * @param name         as shown (Vietnamese, with diacritics)
 * @param role         what they are
 * @param places       the places they act for (devices and places at and below them); empty: everywhere (an admin
 *                     always acts everywhere)
 * @param approver     whether they approve schedules and issue emergency broadcasts (officials and staff)
 * @param passwordHash Argon2id ({@code $argon2id$…}) or bcrypt ({@code $2b$…})
 */
public record User(String username, String name, Role role, List<String> places, boolean approver,
        String passwordHash) {

    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        places = List.copyOf(places);
        name = name == null ? username : name;
    }

    /** This user with another password hash. */
    public User withPassword(String hash) {
        return new User(username, name, role, places, approver, hash);
    }
}

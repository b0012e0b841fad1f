package vn.commune.telemetry.service.auth;

import java.util.Locale;
import java.util.Optional;

/** What a user is. Every role but admin is scoped to the user's places. */
public enum Role {
    /** Everything, everywhere, users and the audit log included. */
    ADMIN,
    /** District telecom staff: everything but users, for their places. */
    STAFF,
    /** Sees the fleet of their communes; acknowledges and silences their alerts, declares maintenance. */
    TECHNICIAN,
    /** A commune official: sees their commune, edits its broadcast schedule. */
    OFFICIAL;

    /** The name in the users file and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this name. */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

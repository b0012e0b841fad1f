package vn.commune.telemetry.service.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;

/**
 * Who makes a request, and what they may do ({@code docs/users.md}): a user of the users file logged in with a
 * session, or an integration with the API token (an admin). Every role but admin is scoped to its places: it sees and
 * acts on places at or below them only. The authentication handler puts the actor in the routing context.
 *
 * @param name        who, as written in records (the username; {@code api-token} for the token)
 * @param displayName as shown
 * @param role        what they are
 * @param approver    whether they approve schedules and issue emergencies (staff and officials)
 * @param places      the places they act for; empty: everywhere
 */
public record Actor(String name, String displayName, Role role, boolean approver, Set<String> places) {

    /** Where the actor is kept in the routing context. */
    static final String KEY = "ct.actor";

    /** The API token's actor: an integration with an admin's rights. */
    public static final Actor API_TOKEN = new Actor("api-token", "API token", Role.ADMIN, true, Set.of());

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        places = Set.copyOf(places);
    }

    /** The actor of a logged-in user. */
    public static Actor of(User user) {
        return new Actor(user.username(), user.name(), user.role(), user.approver(), Set.copyOf(user.places()));
    }

    /** Whether they act everywhere (an admin, or a user without places). */
    public boolean everywhere() {
        return role == Role.ADMIN || places.isEmpty();
    }

    /** Whether the place is at or below one of theirs. */
    public boolean covers(Inventory inventory, String placeId) {
        if (everywhere()) {
            return true;
        }
        for (Place place : inventory.ancestors(placeId)) {
            if (places.contains(place.id())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the device stands at or below one of their places. */
    public boolean covers(Inventory inventory, Device device) {
        return covers(inventory, device.placeId());
    }

    /** Whether they may change the commune's draft schedule (officials and staff of it, admins). */
    public boolean canEditSchedule(Inventory inventory, String communeId) {
        return role == Role.ADMIN || (role == Role.STAFF || role == Role.OFFICIAL) && covers(inventory, communeId);
    }

    /** Whether they may approve the commune's schedule (its approvers, admins). */
    public boolean canApproveSchedule(Inventory inventory, String communeId) {
        return role == Role.ADMIN || approver && (role == Role.STAFF || role == Role.OFFICIAL)
                && covers(inventory, communeId);
    }

    /** Whether they may issue or cancel an emergency broadcast in the commune (its approvers, admins). */
    public boolean canIssueEmergency(Inventory inventory, String communeId) {
        return canApproveSchedule(inventory, communeId);
    }

    /**
     * Whether they may act on the fleet at a place: acknowledge alerts, silence them, declare maintenance (admins,
     * staff and technicians of it).
     */
    public boolean canOperate(Inventory inventory, String placeId) {
        return role == Role.ADMIN || (role == Role.STAFF || role == Role.TECHNICIAN) && covers(inventory, placeId);
    }

    /** Whether they may change what is everybody's: reload the inventory (admins, and staff everywhere). */
    public boolean canAdminister() {
        return role == Role.ADMIN || role == Role.STAFF && places.isEmpty();
    }

    /** Whether they manage users and read the audit log (admins). */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The actor of a request that passed authentication. */
    static Actor of(RoutingContext ctx) {
        Actor actor = ctx.get(KEY);
        if (actor == null) {
            throw new ApiException(401, "unauthorized", "no authenticated user");
        }
        return actor;
    }
}

package vn.commune.telemetry.service.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request, and what they may do: district staff do everything; a commune's officials edit its
 * schedule; its approvers approve it. Until users and roles arrive (the dashboard's issue), the API token is staff;
 * the checks are written against roles so that those slot in. {@link BearerAuthHandler} puts the actor in the
 * routing context.
 *
 * @param name     who, as written in records (a version's author, its approver)
 * @param roles    what they are
 * @param communes the communes an official or approver acts for (staff: all)
 */
public record Actor(String name, Set<Role> roles, Set<String> communes) {

    /** Where the actor is kept in the routing context. */
    static final String KEY = "ct.actor";

    /** The API token's actor. */
    public static final Actor API_TOKEN = new Actor("api-token", Set.of(Role.STAFF), Set.of());

    /** What an actor can be. */
    public enum Role {
        /** District telecom staff: everything, everywhere. */
        STAFF,
        /** A commune official: edits the commune's schedule. */
        OFFICIAL,
        /** A commune's approver: approves its schedule. */
        APPROVER
    }

    public Actor {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        communes = Set.copyOf(communes);
    }

    /** Whether they may change the commune's draft schedule. */
    public boolean canEditSchedule(String communeId) {
        return roles.contains(Role.STAFF) || roles.contains(Role.OFFICIAL) && communes.contains(communeId);
    }

    /** Whether they may approve the commune's schedule. */
    public boolean canApproveSchedule(String communeId) {
        return roles.contains(Role.STAFF) || roles.contains(Role.APPROVER) && communes.contains(communeId);
    }

    /** Whether they may issue or cancel an emergency broadcast in the commune (its approvers, and staff). */
    public boolean canIssueEmergency(String communeId) {
        return canApproveSchedule(communeId);
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

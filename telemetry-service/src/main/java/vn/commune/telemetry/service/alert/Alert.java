package vn.commune.telemetry.service.alert;

import java.util.Locale;
import java.util.Objects;

/**
 * One alert: a rule's condition on one device, from the moment it fired until it resolved. There is at most one open
 * alert per rule and device.
 *
 * @param id         unique: {@code {rule}:{device}:{firedAt}}
 * @param ruleId     the rule
 * @param type       the rule's type
 * @param severity   the rule's severity
 * @param deviceId   the device
 * @param since      when the condition began (event time, epoch ms)
 * @param firedAt    when it fired (epoch ms)
 * @param state      where it stands
 * @param ackedBy    who acknowledged it, or null
 * @param ackNote    their note, or null
 * @param ackedAt    when, or null
 * @param resolvedAt when it resolved, or null
 */
public record Alert(String id, String ruleId, RuleType type, Severity severity, String deviceId, long since,
        long firedAt, State state, String ackedBy, String ackNote, Long ackedAt, Long resolvedAt) {

    /** Where an alert stands. */
    public enum State {
        /** The condition holds and nobody has acknowledged it. */
        FIRING,
        /** The condition holds and a person has taken it on. */
        ACKNOWLEDGED,
        /** The condition no longer holds. */
        RESOLVED;

        /** The name in the API and storage. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    /** A new firing alert. */
    public static Alert firing(AlertRule rule, String deviceId, long since, long firedAt) {
        return new Alert(rule.id() + ":" + deviceId + ":" + firedAt, rule.id(), rule.type(), rule.severity(),
                deviceId, since, firedAt, State.FIRING, null, null, null, null);
    }

    /** Whether it is open (firing or acknowledged). */
    public boolean open() {
        return state != State.RESOLVED;
    }

    /** This alert acknowledged. */
    public Alert acknowledged(String by, String note, long at) {
        return new Alert(id, ruleId, type, severity, deviceId, since, firedAt, State.ACKNOWLEDGED, by, note, at,
                null);
    }

    /** This alert resolved at {@code at}. */
    public Alert resolved(long at) {
        return new Alert(id, ruleId, type, severity, deviceId, since, firedAt, State.RESOLVED, ackedBy, ackNote,
                ackedAt, at);
    }
}

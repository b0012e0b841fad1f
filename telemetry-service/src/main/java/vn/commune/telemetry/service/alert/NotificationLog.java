package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;

/** Where every delivery and every give-up is recorded ({@link AlertStore#logNotification}). */
@FunctionalInterface
public interface NotificationLog {

    /**
     * Records one notification of {@code alert}: delivered ({@code ok}) or given up after {@code attempts} with
     * {@code error}; {@code recipient} is a person's id, or null for the log and webhook channels.
     */
    Future<Void> record(Alert alert, String kind, String channel, String recipient, long at, boolean ok, int attempts,
            String error);
}

package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;

/**
 * Where messages go. A system channel (the log, the webhook) gets every message, with no recipient; a personal one
 * (e-mail, Telegram) gets the messages of the people who have an address on it. Delivery fails with a reason to retry
 * on.
 */
public interface Channel {

    /** Its name in the notification log ({@code log}, {@code webhook}, {@code email}, {@code telegram}). */
    String name();

    /** Whether it is personal: it delivers to people, at their address. */
    boolean personal();

    /** Whether it can reach this person (they have an address on it). */
    default boolean reaches(Person person) {
        return false;
    }

    /** Delivers one message, to {@code to} for a personal channel (null for a system one). */
    Future<Void> deliver(Message message, Person to);
}

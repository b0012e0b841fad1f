package vn.commune.telemetry.service.alert;

import java.util.Locale;

/**
 * The SMTP server e-mail goes through ({@code alerting.smtp.*}).
 *
 * @param host     the server ({@code alerting.smtp.host}, {@code SMTP_HOST})
 * @param port     its port ({@code alerting.smtp.port}, {@code SMTP_PORT}; 587, or 465 with TLS, 25 with none)
 * @param security how the connection is protected ({@code alerting.smtp.security}: starttls (default), tls, none)
 * @param username the login, or null for none ({@code alerting.smtp.username}, {@code SMTP_USERNAME})
 * @param password its password ({@code alerting.smtp.password}, {@code SMTP_PASSWORD})
 * @param from     the sender address ({@code alerting.smtp.from}, {@code SMTP_FROM})
 * @param trustAll whether any certificate is accepted ({@code alerting.smtp.trust-all}; false): for a server with a
 *                 self-signed certificate on the district's own network only
 */
public record SmtpSettings(String host, int port, Security security, String username, String password, String from,
        boolean trustAll) {

    /** How the connection to the server is protected. */
    public enum Security {
        /** Plain, then upgraded with STARTTLS, which must succeed. */
        STARTTLS,
        /** TLS from the first byte (SMTPS). */
        TLS,
        /** Plain text: a relay on the same host or network only. */
        NONE;

        /** The name in the configuration. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security.wireName() + ", user " + username + ", from "
                + from + "]";
    }
}

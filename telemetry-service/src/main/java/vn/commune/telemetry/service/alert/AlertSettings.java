package vn.commune.telemetry.service.alert;

import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;

/**
 * Settings of alerting.
 *
 * @param rules        the rules file ({@code alerting.rules}, {@code ALERT_RULES}; {@code config/alerts.yaml})
 * @param webhook      where the webhook channel posts ({@code alerting.webhook-url}, {@code ALERT_WEBHOOK_URL}), or
 *                     null for none
 * @param log          whether notifications also go to the log channel ({@code alerting.log}; true)
 * @param language     {@code vi} (default) or {@code en} ({@code alerting.language})
 * @param dashboardUrl the dashboard's base URL for links ({@code alerting.dashboard-url}), or null
 * @param settle       how long after a commune alert clears the device alerts it held back wait before they are
 *                     notified, if still open ({@code alerting.settle}; a commune comes back over a minute, not at
 *                     once)
 */
public record AlertSettings(Path rules, URI webhook, boolean log, String language, String dashboardUrl,
        Duration settle) {
}

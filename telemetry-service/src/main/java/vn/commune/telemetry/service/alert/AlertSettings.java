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
 * @param groupWait    how long the first notification of a group waits for others of it ({@code
 *                     alerting.group-wait}; 30 s, as Alertmanager's {@code group_wait})
 * @param escalateAfter how long a notified alert may stay unacknowledged before it goes to staff ({@code
 *                     alerting.escalate-after}; 30 min), or null ({@code off}) for never
 * @param maxPerMinute messages a person gets a minute at most; the rest go as one digest ({@code
 *                     alerting.max-per-minute}; 5)
 * @param smtp         the SMTP server for e-mail, or null for no e-mail
 * @param telegramUrl  the Telegram Bot API ({@code alerting.telegram.base-url}, {@code TELEGRAM_BASE_URL};
 *                     {@code https://api.telegram.org})
 * @param telegramToken the bot's token ({@code alerting.telegram.bot-token}, {@code TELEGRAM_BOT_TOKEN}), or null
 *                     for no Telegram
 * @param broadcastCheck how often loudspeakers' newest scheduled occurrences are judged for the missed-broadcast
 *                     rule ({@code alerting.broadcast-check}; 1 min)
 * @param broadcastGrace how long after an occurrence ends it is judged, for its last events to arrive ({@code
 *                     alerting.broadcast-grace}; 2 min)
 */
public record AlertSettings(Path rules, URI webhook, boolean log, String language, String dashboardUrl,
        Duration settle, Duration groupWait, Duration escalateAfter, int maxPerMinute, SmtpSettings smtp,
        URI telegramUrl, String telegramToken, Duration broadcastCheck, Duration broadcastGrace) {

    @Override
    public String toString() {
        return "AlertSettings[rules " + rules + ", webhook " + webhook + ", smtp " + smtp + ", telegram "
                + (telegramToken == null ? "off" : telegramUrl) + "]";
    }
}

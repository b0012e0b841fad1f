package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/** Sends each message as a plain-text e-mail (UTF-8) to the person's address, through one SMTP server. */
public final class EmailChannel implements Channel {

    private static final int TIMEOUT_MS = 30_000;

    private final MailClient client;
    private final String from;

    public EmailChannel(Vertx vertx, SmtpSettings settings) {
        MailConfig config = new MailConfig()
                .setHostname(settings.host())
                .setPort(settings.port())
                .setSsl(settings.security() == SmtpSettings.Security.TLS)
                .setStarttls(settings.security() == SmtpSettings.Security.STARTTLS ? StartTLSOptions.REQUIRED
                        : StartTLSOptions.DISABLED)
                .setTrustAll(settings.trustAll())
                .setLogin(settings.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setUsername(settings.username())
                .setPassword(settings.password())
                .setAuthMethods("PLAIN LOGIN CRAM-MD5")
                .setConnectTimeout(TIMEOUT_MS)
                .setKeepAlive(true)
                .setMaxPoolSize(2);
        if (!settings.trustAll()) {
            config.setHostnameVerificationAlgorithm("HTTPS");
        }
        this.client = MailClient.create(vertx, config);
        this.from = settings.from();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public boolean reaches(Person person) {
        return person.email() != null;
    }

    @Override
    public Future<Void> deliver(Message message, Person to) {
        MailMessage mail = new MailMessage()
                .setFrom(from)
                .setTo(to.email())
                .setSubject(message.subject())
                .setText(message.text());
        return client.sendMail(mail).mapEmpty();
    }
}

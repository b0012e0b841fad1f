package vn.commune.telemetry.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail through a real SMTP server (GreenMail on a free loopback port): over TLS with a login, and plain to a local
 * relay; a wrong password fails with the server's reason, to be retried.
 */
class EmailChannelTest {

    private final Vertx vertx = Vertx.vertx();
    private GreenMail mail;

    @AfterEach
    void close() throws Exception {
        if (mail != null) {
            mail.stop();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Message message() {
        String text = "NGHIÊM TRỌNG: Cụm loa ls-gia-phu-thon-hai-khe — Thôn Hải Khê, Gia Phú: mất kết nối từ 14:05 "
                + "07/12/2026\nhttp://dashboard.test/devices/ls-gia-phu-thon-hai-khe";
        return new Message("firing", "NGHIÊM TRỌNG: Cụm loa ls-gia-phu-thon-hai-khe mất kết nối", text,
                new JsonObject(), List.of());
    }

    private static final Person BINH = new Person("binh", "Bình", Person.Role.TECHNICIAN, List.of("gia-phu"),
            "binh@example.vn", null);

    /** Verifies delivery over TLS from the first byte, with a login, in UTF-8. */
    @Test
    void tlsWithLogin() throws Exception {
        int port = freePort();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        mail.setUser("alerts@example.vn", "alerts", "s3cret-pass");
        mail.start();
        EmailChannel channel = new EmailChannel(vertx, new SmtpSettings("127.0.0.1", port, SmtpSettings.Security.TLS,
                "alerts", "s3cret-pass", "alerts@example.vn", true));

        channel.deliver(message(), BINH).await(20, TimeUnit.SECONDS);

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("NGHIÊM TRỌNG: Cụm loa ls-gia-phu-thon-hai-khe mất kết nối");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("binh@example.vn");
        assertThat(GreenMailUtil.getBody(received[0])).isNotBlank();
        assertThat(received[0].getContent().toString()).contains("Thôn Hải Khê, Gia Phú: mất kết nối từ 14:05");
    }

    /** Verifies that a refused login fails the delivery with the server's reason (it is retried, then given up). */
    @Test
    void refusedLoginFails() throws Exception {
        int port = freePort();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.getManagers().getUserManager().setAuthRequired(true);
        mail.setUser("alerts@example.vn", "alerts", "right");
        mail.start();
        EmailChannel channel = new EmailChannel(vertx, new SmtpSettings("127.0.0.1", port,
                SmtpSettings.Security.NONE, "alerts", "wrong", "alerts@example.vn", false));

        Throwable failure = channel.deliver(message(), BINH).transform(done -> io.vertx.core.Future
                .succeededFuture(done.cause())).await(20, TimeUnit.SECONDS);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("535");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }
}

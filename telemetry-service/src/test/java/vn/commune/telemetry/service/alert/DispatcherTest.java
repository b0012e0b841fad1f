package vn.commune.telemetry.service.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher against real HTTP servers standing in for a webhook receiver and the Telegram Bot API: grouping,
 * a person's rate limit and digest, retries, and the dead letter when a channel never answers well.
 */
class DispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> webhook = new CopyOnWriteArrayList<>();
    private final List<JsonObject> telegram = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_796_600_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** A server answering {@code failures} requests with {@code failStatus}, then 200, keeping what it received. */
    private int server(List<JsonObject> into, int failures, int failStatus) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (seen.getAndIncrement() < failures) {
                request.response().setStatusCode(failStatus).end("{\"ok\":false,\"description\":\"Too Many Requests\"}");
                return;
            }
            into.add(body.toJsonObject().put("path", request.path()));
            request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private Dispatcher dispatcher(List<Channel> channels, Duration groupWait, int perMinute, Path deadLetters) {
        NotificationLog record = (alert, kind, channel, recipient, at, ok, attempts, error) -> {
            log.add(alert.id() + " " + kind + " " + channel + " " + recipient + " " + ok + " " + attempts);
            return Future.succeededFuture();
        };
        return new Dispatcher(vertx, channels, record, deadLetters, clock::get, groupWait, perMinute, "vi", registry,
                List.of(Duration.ofMillis(50), Duration.ofMillis(50)));
    }

    private static Notice notice(String device, String kind, String group, Set<String> people) {
        Alert alert = new Alert("device-offline:" + device + ":1", "device-offline", RuleType.OFFLINE,
                Severity.CRITICAL, device, 1L, 1L, Alert.State.FIRING, null, null, null, null);
        String text = "NGHIÊM TRỌNG: Cụm loa " + device + ": mất kết nối từ 14:05 07/12/2026";
        JsonObject body = new JsonObject().put("id", alert.id()).put("device", device).put("text", text)
                .put("link", "http://dashboard.test/devices/" + device);
        return new Notice(alert, kind, body, group, "mất kết nối ở Gia Phú, Bảo Thắng", people);
    }

    private void onLoop(Runnable action) throws Exception {
        vertx.runOnContext(v -> action.run());
    }

    /**
     * Verifies grouping: three notices of one group within the wait make one message (webhook and person alike),
     * a notice of another group its own.
     */
    @Test
    void likeNoticesMakeOneMessage(@TempDir Path tmp) throws Exception {
        int hook = server(webhook, 0, 200);
        int bot = server(telegram, 0, 200);
        Dispatcher dispatcher = dispatcher(List.of(new WebhookChannel(vertx, URI.create("http://127.0.0.1:" + hook
                + "/hook")), new TelegramChannel(vertx, URI.create("http://127.0.0.1:" + bot), "123:abc")),
                Duration.ofMillis(400), 5, tmp.resolve("dead.jsonl"));
        dispatcher.people(List.of(new Person("binh", "Bình", Person.Role.TECHNICIAN, List.of("gia-phu"), null,
                "4242")));

        onLoop(() -> {
            for (String device : List.of("ls-a", "ls-b", "ls-c")) {
                dispatcher.dispatch(notice(device, "firing", "g1", Set.of("binh")));
            }
            dispatcher.dispatch(notice("ls-d", "firing", "g2", Set.of()));
        });

        await().atMost(WAIT).until(() -> webhook.size() == 2 && telegram.size() == 1);
        JsonObject group = webhook.stream().filter(m -> m.getJsonArray("alerts").size() == 3).findFirst()
                .orElseThrow();
        assertThat(group.getInteger("version")).isEqualTo(1);
        assertThat(group.getString("kind")).isEqualTo("firing");
        assertThat(group.getString("text")).startsWith("NGHIÊM TRỌNG: 3 cảnh báo mất kết nối ở Gia Phú, Bảo Thắng")
                .contains("- NGHIÊM TRỌNG: Cụm loa ls-b").contains("http://dashboard.test/devices/ls-c");
        assertThat(group.getJsonArray("alerts").getJsonObject(0).getString("notification")).isEqualTo("firing");
        JsonObject message = telegram.get(0);
        assertThat(message.getString("path")).isEqualTo("/bot123:abc/sendMessage");
        assertThat(message.getString("chat_id")).isEqualTo("4242");
        assertThat(message.getString("text")).startsWith("NGHIÊM TRỌNG: 3 cảnh báo");
        // every delivery is logged per alert it carried: 4 to the webhook, 3 to the person
        await().atMost(WAIT).until(() -> log.size() == 7);
        assertThat(log).contains("device-offline:ls-a:1 firing telegram binh true 1",
                "device-offline:ls-d:1 firing webhook null true 1");
    }

    /**
     * Verifies the rate limit: a person gets at most two messages a minute; the three that come beyond wait and go
     * together as one digest once the minute allows.
     */
    @Test
    void beyondTheLimitComesOneDigest(@TempDir Path tmp) throws Exception {
        int bot = server(telegram, 0, 200);
        Dispatcher dispatcher = dispatcher(List.of(new TelegramChannel(vertx, URI.create("http://127.0.0.1:" + bot
                + "/"), "t")), Duration.ZERO, 2, tmp.resolve("dead.jsonl"));
        dispatcher.people(List.of(new Person("lan", "Lan", Person.Role.STAFF, List.of(), null, "@commune_staff")));
        long start = clock.get();

        for (int i = 1; i <= 2; i++) {
            String device = "ls-" + i;
            onLoop(() -> dispatcher.dispatch(notice(device, "firing", device, Set.of("lan"))));
        }
        await().atMost(WAIT).until(() -> telegram.size() == 2);
        // a minute later less 0.3 s: three more, each of its own group, are over the limit
        clock.set(start + 59_700);
        for (int i = 3; i <= 5; i++) {
            String device = "ls-" + i;
            onLoop(() -> dispatcher.dispatch(notice(device, "firing", device, Set.of("lan"))));
        }
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> telegram.size() == 2);
        clock.set(start + 60_001);

        await().atMost(WAIT).until(() -> telegram.size() == 3);
        String digest = telegram.get(2).getString("text");
        assertThat(digest).startsWith("TÓM TẮT: 3 thông báo cảnh báo").contains("ls-3").contains("ls-4")
                .contains("ls-5");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> telegram.size() == 3);
    }

    /**
     * Verifies retries and the dead letter: a Bot API answering 429 once is retried and delivers; a webhook that
     * always answers 500 is given up after every retry, written to the dead-letter file, counted and logged.
     */
    @Test
    void retriesThenDeadLetter(@TempDir Path tmp) throws Exception {
        int hook = server(webhook, Integer.MAX_VALUE, 500);
        int bot = server(telegram, 1, 429);
        Path dead = tmp.resolve("dead.jsonl");
        Dispatcher dispatcher = dispatcher(List.of(new WebhookChannel(vertx, URI.create("http://127.0.0.1:" + hook)),
                new TelegramChannel(vertx, URI.create("http://127.0.0.1:" + bot), "t")), Duration.ZERO, 5, dead);
        dispatcher.people(List.of(new Person("binh", "Bình", Person.Role.TECHNICIAN, List.of("gia-phu"), null,
                "4242")));

        onLoop(() -> dispatcher.dispatch(notice("ls-a", "firing", "g", Set.of("binh"))));

        await().atMost(WAIT).until(() -> log.size() == 2);
        assertThat(log).containsExactlyInAnyOrder("device-offline:ls-a:1 firing telegram binh true 2",
                "device-offline:ls-a:1 firing webhook null false 3");
        assertThat(telegram).hasSize(1);
        await().atMost(WAIT).until(() -> Files.exists(dead) && !Files.readString(dead).isBlank());
        JsonObject letter = new JsonObject(Files.readAllLines(dead).get(0));
        assertThat(letter.getString("channel")).isEqualTo("webhook");
        assertThat(letter.getString("error")).isEqualTo("the webhook answered HTTP 500");
        assertThat(letter.getJsonObject("message").getJsonArray("alerts")).hasSize(1);
        assertThat(registry.get("ct.alert.notifications.failed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("ct.alert.notifications.sent").counter().count()).isEqualTo(1.0);
    }
}

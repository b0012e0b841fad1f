package vn.commune.telemetry.service.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import vn.commune.telemetry.service.config.Secrets;
import org.slf4j.LoggerFactory;

/**
 * Turns notices into messages and delivers them. Notices of one group (rule, type and commune) and kind wait {@code
 * group wait} after the first one, then go as one message per recipient, as Alertmanager's {@code group_wait} does:
 * ten devices failing together make one message. The log and webhook channels get every message; a person gets the
 * messages routed to them on each of their channels (e-mail, Telegram), at most {@code max per minute}: what comes
 * beyond waits and goes as one digest when the minute allows.
 *
 * <p>A failed delivery is retried after 1 s, 5 s, 30 s, 2 min and 10 min; then it is given up, written to the
 * dead-letter file ({@code alerts-dead-letter.jsonl}) and counted ({@code ct_alert_notifications_failed_total}).
 * Every delivery and every give-up is logged in storage, one point per alert the message carried: that is how a
 * restart knows what was sent. Runs on the event loop.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
    private static final long MINUTE_MS = 60_000;
    private static final int MAX_ITEMS_IN_TEXT = 50;

    private final Vertx vertx;
    private final List<Channel> channels;
    private final NotificationLog store;
    private final List<Duration> retries;
    private final Path deadLetters;
    private final LongSupplier clock;
    private final long groupWaitMs;
    private final int maxPerMinute;
    private final boolean vi;
    private final Counter sent;
    private final Counter failed;
    private final Counter messages;
    private volatile Map<String, Person> people = Map.of();
    /** Notices waiting for their group's message, by recipient, kind and group. */
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    /** Per person, when their last messages went (within the minute). */
    private final Map<String, Deque<Long>> recent = new HashMap<>();
    /** Per person, what their rate limit held back, for the next digest. */
    private final Map<String, List<Notice>> digests = new HashMap<>();

    /** Notices of one group and kind for one recipient (a channel name, or a person's id). */
    private static final class Batch {
        final String recipient;
        final boolean person;
        final String kind;
        final List<Notice> notices = new ArrayList<>();

        Batch(String recipient, boolean person, String kind) {
            this.recipient = recipient;
            this.person = person;
            this.kind = kind;
        }
    }

    /**
     * @param groupWait    how long the first notice of a group waits for others
     * @param maxPerMinute messages a person gets a minute at most
     * @param language     {@code vi} or {@code en}
     */
    public Dispatcher(Vertx vertx, List<Channel> channels, NotificationLog store, Path deadLetters,
            LongSupplier clock, Duration groupWait, int maxPerMinute, String language, MeterRegistry registry) {
        this(vertx, channels, store, deadLetters, clock, groupWait, maxPerMinute, language, registry, RETRIES);
    }

    /** As above, with the delays between attempts ({@link #RETRIES} in service). */
    Dispatcher(Vertx vertx, List<Channel> channels, NotificationLog store, Path deadLetters, LongSupplier clock,
            Duration groupWait, int maxPerMinute, String language, MeterRegistry registry, List<Duration> retries) {
        this.retries = List.copyOf(retries);
        this.vertx = vertx;
        this.channels = List.copyOf(channels);
        this.store = store;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.groupWaitMs = groupWait.toMillis();
        this.maxPerMinute = maxPerMinute;
        this.vi = !"en".equals(language);
        this.sent = Counter.builder("ct.alert.notifications.sent").description("Messages delivered, per channel")
                .register(registry);
        this.failed = Counter.builder("ct.alert.notifications.failed")
                .description("Messages given up after every retry (in the dead-letter file)").register(registry);
        this.messages = Counter.builder("ct.alert.messages").description("Messages composed (groups and digests)")
                .register(registry);
    }

    /** The people notices may be routed to (from the rules file; replaced when it is reloaded). */
    public void people(List<Person> everyone) {
        Map<String, Person> byId = new HashMap<>();
        for (Person person : everyone) {
            byId.put(person.id(), person);
            if (channels.stream().noneMatch(c -> c.personal() && c.reaches(person))) {
                LOG.warn("Alerts: {} ({}) cannot be reached: {}", person.id(), person.name(),
                        person.email() != null && person.telegram() == null ? "no SMTP server is configured "
                                + "(alerting.smtp.host)" : person.telegram() != null && person.email() == null
                                ? "no Telegram bot is configured (alerting.telegram.bot-token)"
                                : "neither e-mail nor Telegram is configured");
            }
        }
        people = Map.copyOf(byId);
    }

    /** Queues a notice for its group's message to every system channel and every person it is routed to. */
    public void dispatch(Notice notice) {
        for (Channel channel : channels) {
            if (!channel.personal()) {
                enqueue(channel.name(), false, notice);
            }
        }
        for (String person : notice.people()) {
            enqueue(person, true, notice);
        }
    }

    private void enqueue(String recipient, boolean person, Notice notice) {
        String key = (person ? "p:" : "c:") + recipient + "|" + notice.kind() + "|" + notice.group();
        Batch batch = batches.get(key);
        if (batch == null) {
            batch = new Batch(recipient, person, notice.kind());
            batches.put(key, batch);
            if (groupWaitMs <= 0) {
                vertx.runOnContext(v -> flush(key));
            } else {
                vertx.setTimer(groupWaitMs, id -> flush(key));
            }
        }
        batch.notices.add(notice);
    }

    private void flush(String key) {
        Batch batch = batches.remove(key);
        if (batch == null) {
            return;
        }
        if (!batch.person) {
            Message message = compose(batch.kind, batch.notices);
            for (Channel channel : channels) {
                if (channel.name().equals(batch.recipient)) {
                    attempt(message, channel, null, 1);
                }
            }
            return;
        }
        Person person = people.get(batch.recipient);
        if (person == null) {
            LOG.warn("Alerts: {} is no longer in the rules file; {} notices for them dropped", batch.recipient,
                    batch.notices.size());
            return;
        }
        List<Notice> waiting = digests.get(person.id());
        if (waiting != null) {
            waiting.addAll(batch.notices);
            return;
        }
        if (allowed(person.id())) {
            send(person, compose(batch.kind, batch.notices));
            return;
        }
        digests.put(person.id(), new ArrayList<>(batch.notices));
        long oldest = recent.get(person.id()).peekFirst();
        long wait = Math.max(1, oldest + MINUTE_MS - clock.getAsLong());
        LOG.info("Alerts: {} has had {} messages within a minute; the rest go as one digest in {} ms", person.id(),
                maxPerMinute, wait);
        vertx.setTimer(wait, id -> digest(person.id()));
    }

    private void digest(String personId) {
        List<Notice> notices = digests.remove(personId);
        Person person = people.get(personId);
        if (notices == null || notices.isEmpty() || person == null) {
            return;
        }
        if (!allowed(personId)) {
            digests.put(personId, notices);
            vertx.setTimer(Math.max(1, recent.get(personId).peekFirst() + MINUTE_MS - clock.getAsLong()),
                    id -> digest(personId));
            return;
        }
        send(person, compose(notices.size() == 1 ? notices.get(0).kind() : "digest", notices));
    }

    /** Whether a person may get a message now; if so, counts it. */
    private boolean allowed(String personId) {
        long now = clock.getAsLong();
        Deque<Long> times = recent.computeIfAbsent(personId, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - MINUTE_MS) {
            times.pollFirst();
        }
        if (times.size() >= maxPerMinute) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private void send(Person person, Message message) {
        for (Channel channel : channels) {
            if (channel.personal() && channel.reaches(person)) {
                attempt(message, channel, person, 1);
            }
        }
    }

    /** The message of these notices: one alone says itself; several get a headline. */
    Message compose(String kind, List<Notice> notices) {
        messages.increment();
        StringBuilder text = new StringBuilder();
        String subject;
        if (notices.size() == 1) {
            Notice only = notices.get(0);
            subject = only.text();
            text.append(only.text());
            if (only.link() != null) {
                text.append('\n').append(only.link());
            }
        } else {
            subject = "digest".equals(kind) ? AlertMessages.digestHeadline(notices.size(), vi)
                    : AlertMessages.groupHeadline(kind, notices.get(0).alert().severity(), notices.size(),
                            notices.get(0).title(), vi);
            text.append(subject).append('\n');
            for (int i = 0; i < notices.size() && i < MAX_ITEMS_IN_TEXT; i++) {
                Notice notice = notices.get(i);
                text.append("\n- ").append(notice.text());
                if (notice.link() != null) {
                    text.append("\n  ").append(notice.link());
                }
            }
            if (notices.size() > MAX_ITEMS_IN_TEXT) {
                text.append("\n").append(AlertMessages.andMore(notices.size() - MAX_ITEMS_IN_TEXT, vi));
            }
        }
        JsonArray alerts = new JsonArray();
        notices.forEach(notice -> alerts.add(notice.body().copy().put("notification", notice.kind())));
        JsonObject payload = new JsonObject()
                .put("version", 1)
                .put("kind", kind)
                .put("text", text.toString())
                .put("sent_at", Instant.ofEpochMilli(clock.getAsLong()).toString())
                .put("alerts", alerts);
        return new Message(kind, oneLine(subject), text.toString(), payload, notices);
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    private void attempt(Message message, Channel channel, Person to, int attempt) {
        Future<Void> delivery;
        try {
            delivery = channel.deliver(message, to);
        } catch (RuntimeException e) {
            delivery = Future.failedFuture(e);
        }
        String who = to == null ? channel.name() : channel.name() + " to " + to.id();
        delivery.onSuccess(v -> {
            sent.increment();
            log(message, channel, to, true, attempt, null);
        }).onFailure(failure -> {
            // a channel's error may quote what it was given (an answer echoing a URL with a token): the dead letter
            // and the notification log keep it masked, as the service log does
            String error = Secrets.mask(failure.getMessage());
            if (attempt <= retries.size()) {
                long delay = retries.get(attempt - 1).toMillis();
                LOG.warn("Alerts: a {} message by {} failed ({}); retry {} in {} ms", message.kind(), who,
                        error, attempt, delay);
                vertx.setTimer(delay, id -> attempt(message, channel, to, attempt + 1));
                return;
            }
            failed.increment();
            LOG.error("Alerts: a {} message by {} given up after {} attempts ({}); in {}", message.kind(), who,
                    attempt, error, deadLetters);
            log(message, channel, to, false, attempt, error);
            JsonObject letter = new JsonObject().put("channel", channel.name())
                    .put("recipient", to == null ? null : to.id()).put("error", error)
                    .put("message", message.payload());
            JsonLines.append(vertx, deadLetters, letter)
                    .onFailure(io -> LOG.error("Alerts: cannot write the dead-letter file: {}", io.getMessage()));
        });
    }

    private void log(Message message, Channel channel, Person to, boolean ok, int attempts, String error) {
        long at = clock.getAsLong();
        for (Notice notice : message.items()) {
            store.record(notice.alert(), notice.kind(), channel.name(), to == null ? null : to.id(), at, ok,
                    attempts, error)
                    .onFailure(e -> LOG.warn("Alerts: the notification log could not be written: {}",
                            e.getMessage()));
        }
    }
}

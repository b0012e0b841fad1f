package vn.commune.telemetry.service.broadcast;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.service.alert.AlertEngine;

/**
 * Feeds the missed-broadcast alert rule from broadcast compliance: every {@code period}, for each commune with a
 * loudspeaker a rule watches and either an occurrence that ended since the commune was last judged (within the last
 * {@value #WINDOW_HOURS} hours, and at least {@code grace} ago, so that its last events have arrived) or a miss still
 * open, each loudspeaker's newest ended occurrence of the last hour is judged: a
 * miss while online and powered fires the rule, a play resolves it. A miss while offline, without power or in
 * maintenance is left to the outage alerts. Occurrences older than the window are never judged: the past is not
 * alerted on, though late events about a recent occurrence may resolve its alert. Runs on the event loop; one
 * commune's compliance is read at a time.
 */
public final class MissedBroadcasts {

    static final int WINDOW_HOURS = 1;
    private static final long WINDOW_MS = Duration.ofHours(WINDOW_HOURS).toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(MissedBroadcasts.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZONE);

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final ComplianceService compliance;
    private final AlertEngine alerts;
    private final LongSupplier clock;
    private final Duration period;
    private final Duration grace;
    private final boolean vi;
    private long timer = -1;
    private boolean checking;
    /** Per commune, up to when its occurrences were last judged (what ended later is new). */
    private final Map<String, Long> judgedTo = new HashMap<>();

    public MissedBroadcasts(Vertx vertx, Supplier<Inventory> inventory, ComplianceService compliance,
            AlertEngine alerts, LongSupplier clock, Duration period, Duration grace, String language) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.compliance = compliance;
        this.alerts = alerts;
        this.clock = clock;
        this.period = period;
        this.grace = grace;
        this.vi = !"en".equals(language);
    }

    /** Checks every {@code period}. */
    public void start() {
        timer = vertx.setPeriodic(period.toMillis(), id -> check());
    }

    /** Stops checking. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One check of every commune; completes when done (at once when one is already running). */
    Future<Void> check() {
        if (checking) {
            return Future.succeededFuture();
        }
        checking = true;
        Inventory inv = inventory.get();
        long to = clock.getAsLong() - grace.toMillis();
        long from = to - WINDOW_MS;
        Future<Void> chain = Future.succeededFuture();
        for (Place commune : inv.placesAtLevel(inv.communeLevel())) {
            List<Device> watched = new ArrayList<>();
            for (Device device : inv.devicesUnder(commune.id())) {
                if (device.kind() == DeviceKind.LOUDSPEAKER && alerts.watchesBroadcasts(device)) {
                    watched.add(device);
                }
            }
            if (watched.isEmpty()) {
                continue;
            }
            // judged again only when an occurrence ended since the last time, or while a miss is open (plays
            // reported late may resolve it): not the last hour of every commune every minute
            long since = Math.max(from, judgedTo.getOrDefault(commune.id(), Long.MIN_VALUE));
            if (!alerts.missedOpen(watched)
                    && !anyEnded(compliance.expected(inv, commune.id(), watched, since, to), since, to)) {
                continue;
            }
            chain = chain.compose(v -> judge(inv, commune, watched, from, to)
                    .onSuccess(done -> judgedTo.put(commune.id(), to))
                    .otherwise(e -> {
                        LOG.warn("Alerts: broadcasts of {} not checked ({}); next time", commune.id(),
                                e.getMessage());
                        return null;
                    }));
        }
        return chain.onComplete(done -> checking = false);
    }

    private static boolean anyEnded(Map<String, List<Airing>> expected, long from, long to) {
        return expected.values().stream().flatMap(List::stream).anyMatch(a -> ended(a, from, to));
    }

    private static boolean ended(Airing airing, long from, long to) {
        long start = airing.scheduledStart().toEpochMilli();
        long end = airing.scheduledEnd().toEpochMilli();
        return start >= from && end <= to;
    }

    private Future<Void> judge(Inventory inv, Place commune, List<Device> watched, long from, long to) {
        return compliance.compute(commune, from, to).map(result -> {
            Map<String, ComplianceCalculator.SlotPlay> newest = new HashMap<>();
            for (ComplianceCalculator.SlotPlay play : result.slots()) {
                if (ended(play.occurrence(), from, to)) {
                    newest.merge(play.deviceId(), play, (a, b) -> b.occurrence().scheduledEnd()
                            .isAfter(a.occurrence().scheduledEnd()) ? b : a);
                }
            }
            for (Device device : watched) {
                ComplianceCalculator.SlotPlay play = newest.get(device.id());
                if (play == null || play.expectedMs() == 0) {
                    continue;
                }
                if (!play.missed()) {
                    alerts.broadcast(device, false, play.occurrence().scheduledStart().toEpochMilli(), null);
                } else if (play.cause() != MissCause.OFFLINE && play.cause() != MissCause.NO_POWER
                        && play.cause() != MissCause.MAINTENANCE) {
                    alerts.broadcast(device, true, play.occurrence().scheduledStart().toEpochMilli(), what(play));
                }
            }
            return null;
        });
    }

    /** "Thời sự 06:00–06:30 07/12/2026: phát 0 % (phát chương trình khác: Ca nhạc)". */
    private String what(ComplianceCalculator.SlotPlay play) {
        Airing occurrence = play.occurrence();
        String when = TIME.format(occurrence.scheduledStart()) + "–" + TIME.format(occurrence.scheduledEnd()) + " "
                + DAY.format(occurrence.scheduledStart());
        String share = String.format(Locale.ROOT, "%.0f", play.share() * 100);
        String cause = switch (play.cause()) {
            case OTHER_PROGRAM -> (vi ? "phát chương trình khác" : "played another programme")
                    + (play.detail() == null ? "" : ": " + play.detail());
            case AMPLIFIER_FAULT -> vi ? "ampli hoặc loa hỏng" : "amplifier or horns broken";
            case NOT_PLAYED -> vi ? "trực tuyến nhưng không phát" : "online but not playing";
            default -> play.cause().wireName();
        };
        return vi ? "\"" + occurrence.program() + "\" " + when + ": phát " + share + " % (" + cause + ")"
                : "\"" + occurrence.program() + "\" " + when + ": played " + share + " % (" + cause + ")";
    }
}

package vn.commune.telemetry.service.alert;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.support.Slices;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * Turns rules into alerts, following the present: a device's present state (offline rules) and its newest statuses
 * (the others). A condition that starts holding is <b>pending</b>; once it has held for the rule's {@code for} it
 * <b>fires</b> (stored, then notified); a person may <b>acknowledge</b> it; when the condition stops holding it
 * <b>resolves</b> (stored, then notified to the channels that had the firing, and never without one). There is at most
 * one open alert per rule and device. A status older than {@value #LATE_MS} ms when it arrives (a backlog, a backfill)
 * never raises an alert: the past is not notified; it may end one. Devices behind an offline gateway are
 * {@code unknown}, not offline, so a commune cut off raises its gateway's alert, not one per device.
 *
 * <p>At start-up, once state tracking is ready, the alerts open at the last stop are read back with the log of what
 * was sent: an alert still true is kept and not notified again (unless its firing was never delivered); one that
 * cleared while the service was down resolves and is notified once. Runs on the event loop.
 */
public final class AlertEngine {

    /** A status this much older than its arrival cannot raise an alert. */
    static final long LATE_MS = Duration.ofMinutes(10).toMillis();
    private static final long TICK_MS = 1_000;
    private static final long RULES_CHECK_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final PresentStates present;
    private final AlertStore store;
    private final Dispatcher dispatcher;
    private final LongSupplier clock;
    private final Path rulesFile;
    private final String language;
    private final String dashboardUrl;
    private final Duration settle;
    private final Duration escalateAfter;
    private volatile List<AlertRule> rules = List.of();
    private volatile Routing routing = new Routing(List.of());
    private volatile long rulesModified = Long.MIN_VALUE;
    private boolean reloading;
    /** Per alert, the people notified of it (its resolution goes to them, and to nobody else). */
    private final Map<String, Set<String>> notifiedTo = new HashMap<>();
    /** Per alert whose firing was notified and not escalated yet, when it was. */
    private final Map<String, Long> firingNotifiedAt = new HashMap<>();
    /** Per device, its newest status: the last values a message states. */
    private final Map<String, StatusMessage> lastStatus = new HashMap<>();
    /**
     * Conditions holding and not fired yet: when each began (event time, for the message) and when the service first
     * saw it hold (wall clock: {@code for} counts from there, as Alertmanager's does, so that data arriving late about
     * an outage already over, or superseded at once, never fires).
     */
    private final Map<String, long[]> pending = new HashMap<>();
    /** When the earliest pending condition is due (a tick before it has nothing to fire). */
    private long nextDue = Long.MAX_VALUE;
    private final Map<String, Alert> open = new HashMap<>();
    private final Map<String, Long> statusSeen = new HashMap<>();
    private final Set<String> sent = new HashSet<>();
    /** Per commune, its devices offline now. */
    private final Map<String, Set<String>> offlineByCommune = new HashMap<>();
    /**
     * Alerts fired and not notified yet: held back by their commune's alert or silenced. The value is when they may be
     * notified at the earliest (once nothing holds them any more).
     */
    private final Map<String, Long> held = new HashMap<>();
    /** Per device, when its state changed (offline or not), within the longest flap window. */
    private final Map<String, Deque<Long>> changes = new HashMap<>();
    private final Silences silences;

    /** Whether a silence (or a maintenance window) covers an alert's subject at an instant. */
    @FunctionalInterface
    public interface Silences {
        /** Whether {@code alert} is silenced at {@code now}. */
        boolean covers(Alert alert, long now);
    }
    private boolean running;
    private long tickTimer = -1;
    private long rulesTimer = -1;
    private Runnable unlisten = () -> { };
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
    private final LikelyCause causes = new LikelyCause();
    /** Per commune, how many commune alerts are open on it (what holds its devices' alerts back). */
    private final Map<String, Integer> communeAlerts = new HashMap<>();

    /**
     * @param rulesFile    {@code config/alerts.yaml}
     * @param language     {@code vi} or {@code en}: the language of the notifications' text
     * @param dashboardUrl the base URL of the dashboard for links in notifications, or null
     * @param settle       how long after a commune alert clears its held-back device alerts wait to be notified
     * @param escalateAfter how long a notified firing alert may go unacknowledged before it goes to staff; null: never
     * @param silences     what silences alerts
     */
    public AlertEngine(Vertx vertx, Supplier<Inventory> inventory, PresentStates present, AlertStore store,
            Dispatcher dispatcher, LongSupplier clock, Path rulesFile, String language, String dashboardUrl,
            Duration settle, Duration escalateAfter, Silences silences) {
        this.settle = settle;
        this.escalateAfter = escalateAfter;
        this.silences = silences;
        this.vertx = vertx;
        this.inventory = inventory;
        this.present = present;
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.rulesFile = rulesFile;
        this.language = language;
        this.dashboardUrl = dashboardUrl;
    }

    /**
     * Reads the rules; fails with {@code file:line: path: reason} when the file is bad (the service does not start
     * with a rules file it cannot read: better said at once than alerts silently missing). A missing file is no rules,
     * with a warning.
     */
    public void loadRules() throws InventoryException {
        if (!Files.exists(rulesFile)) {
            LOG.warn("Alerts: no rules file at {}: no alerts until one is written there (it is read when it appears)",
                    rulesFile.toAbsolutePath());
            rulesModified = modified();
            return;
        }
        AlertConfig config = AlertRulesReader.read(rulesFile, inventory.get());
        apply(config);
        rulesModified = modified();
        LOG.info("Alerts: {} rules and {} people from {}", config.rules().size(), config.people().size(), rulesFile);
    }

    private void apply(AlertConfig config) {
        rules = config.rules();
        nextDue = Long.MIN_VALUE;
        routing = new Routing(config.people());
        dispatcher.people(config.people());
    }

    /** The rules in force. */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * Starts once {@code ready} (state tracking recovered): restores the open alerts, reconciles them with the
     * present, then follows changes.
     */
    public Future<Void> start(BooleanSupplier ready) {
        if (!ready.getAsBoolean()) {
            Promise<Void> later = Promise.promise();
            vertx.setTimer(500, id -> start(ready).onComplete(later));
            return later.future();
        }
        return store.load().compose(loaded -> {
            sent.addAll(loaded.sent());
            loaded.people().forEach((id, people) -> notifiedTo.put(id, new HashSet<>(people)));
            loaded.firstAt().forEach((id, at) -> {
                if (!loaded.sent().contains(id + "/escalated")) {
                    firingNotifiedAt.put(id, at);
                }
            });
            for (Alert alert : loaded.open()) {
                opened(keyOf(alert), alert);
            }
            running = true;
            unlisten = present.listen(this::stateChanged);
            tickTimer = vertx.setPeriodic(TICK_MS, id -> periodic());
            rulesTimer = vertx.setPeriodic(RULES_CHECK_MS, id -> reloadIfChanged());
            LOG.info("Alerts: {} open alerts restored, {} notifications already sent for them", loaded.open().size(),
                    loaded.sent().size());
            return reconcile();
        });
    }

    /**
     * Adds a listener of alert changes (fired, acknowledged, resolved), called on the event loop; returns what removes
     * it.
     */
    public Runnable listen(Consumer<Alert> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed(Alert alert) {
        for (Consumer<Alert> listener : listeners) {
            try {
                listener.accept(alert);
            } catch (RuntimeException e) {
                LOG.warn("Alerts: a listener failed: {}", e.toString());
            }
        }
    }

    /** Stops following changes. */
    public void stop() {
        running = false;
        unlisten.run();
        vertx.cancelTimer(tickTimer);
        vertx.cancelTimer(rulesTimer);
    }

    /** The open alerts. */
    public Collection<Alert> open() {
        return List.copyOf(open.values());
    }

    /** The open alert with this id. */
    public Optional<Alert> find(String id) {
        return open.values().stream().filter(alert -> alert.id().equals(id)).findFirst();
    }

    /** Acknowledges an open firing alert; completes with it as it is now, once stored. */
    public Future<Alert> acknowledge(String id, String by, String note) {
        Optional<Alert> found = find(id);
        if (found.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("no open alert '" + id + "'"));
        }
        Alert alert = found.get();
        if (alert.state() == Alert.State.ACKNOWLEDGED) {
            return Future.succeededFuture(alert);
        }
        Alert acked = alert.acknowledged(by, note, clock.getAsLong());
        opened(keyOf(acked), acked);
        LOG.info("Alerts: {} acknowledged by {}", id, by);
        changed(acked);
        return store.save(acked).map(v -> acked);
    }

    /** A status arrived (live or late): status rules are evaluated on it. */
    public void status(Device device, StatusMessage status, long receivedAt) {
        causes.status(status);
        lastStatus.merge(device.id(), status, (old, fresh) -> fresh.ts() >= old.ts() ? fresh : old);
        if (!running) {
            return;
        }
        Inventory inv = inventory.get();
        for (AlertRule rule : rules) {
            if (rule.type().followsState() || !rule.appliesTo(device, inv)) {
                continue;
            }
            Optional<Boolean> holds = rule.type().holds(status, rule.level());
            if (holds.isEmpty()) {
                continue;
            }
            String key = key(rule.id(), device.id());
            Long seen = statusSeen.get(key);
            if (seen != null && status.ts() <= seen) {
                continue;
            }
            statusSeen.put(key, status.ts());
            if (holds.get()) {
                if (!open.containsKey(key) && !pending.containsKey(key) && status.ts() >= receivedAt - LATE_MS) {
                    pend(key, status.ts(), rule, false);
                }
            } else {
                pending.remove(key);
                resolve(key);
            }
        }
        tick();
    }

    /** What a missed occurrence was, per open missed-broadcast alert, for its message. */
    private final Map<String, String> missedWhat = new HashMap<>();

    /** Whether a missed-broadcast rule applies to the device (whether its occurrences need checking). */
    public boolean watchesBroadcasts(Device device) {
        Inventory inv = inventory.get();
        return running && rules.stream().anyMatch(rule -> rule.type() == RuleType.BROADCAST_MISSED
                && rule.appliesTo(device, inv));
    }

    /** Whether a missed-broadcast alert is open on one of these devices. */
    public boolean missedOpen(Collection<Device> devices) {
        Set<String> ids = new HashSet<>();
        devices.forEach(device -> ids.add(device.id()));
        return open.values().stream().anyMatch(alert -> alert.type() == RuleType.BROADCAST_MISSED
                && ids.contains(alert.deviceId()));
    }

    /**
     * A loudspeaker's newest ended occurrence, as broadcast compliance judged it: {@code missed} fires the
     * missed-broadcast rules (at once: the occurrence is over), played resolves them. {@code what} says which occurrence
     * and why ("Thời sự 06:00–06:30: phát 0 %, …"), for the message.
     */
    public void broadcast(Device device, boolean missed, long occurrenceStart, String what) {
        if (!running) {
            return;
        }
        Inventory inv = inventory.get();
        for (AlertRule rule : rules) {
            if (rule.type() != RuleType.BROADCAST_MISSED || !rule.appliesTo(device, inv)) {
                continue;
            }
            String key = key(rule.id(), device.id());
            if (!missed) {
                resolve(key);
            } else if (!open.containsKey(key)) {
                Alert alert = Alert.firing(rule, device.id(), occurrenceStart, clock.getAsLong());
                missedWhat.put(alert.id(), what);
                opened(key, alert);
                LOG.info("Alerts: {} fired ({})", alert.id(), what);
                changed(alert);
                store.save(alert).onComplete(saved -> fire(alert));
            }
        }
    }

    /** An event arrived: power events are signs of a likely cause. */
    public void event(EventMessage event) {
        causes.event(event);
    }

    /** The likely cause of an outage alert ({@link LikelyCause}), or null for the other alerts. */
    private JsonObject likelyCause(Alert alert, Inventory inv, boolean vi) {
        if (alert.type() != RuleType.OFFLINE && alert.type() != RuleType.GATEWAY_UNREACHABLE
                && alert.type() != RuleType.COMMUNE_DOWN) {
            return null;
        }
        String communeId = alert.type().perCommune() ? alert.deviceId()
                : inv.device(alert.deviceId()).flatMap(d -> inv.communeOf(d.placeId())).map(Place::id).orElse(null);
        Set<String> offline = communeId == null ? Set.of() : offlineByCommune.getOrDefault(communeId, Set.of());
        long powerless = offline.stream().filter(causes::powerSigns).count();
        int devices = communeId == null ? 0 : (int) inv.devicesUnder(communeId).stream()
                .filter(d -> d.kind() != DeviceKind.GATEWAY).count();
        boolean communeCut = powerless >= 3 && powerless * 2 >= offline.size();
        LikelyCause.Kind kind;
        String detail = null;
        if (alert.type() == RuleType.GATEWAY_UNREACHABLE) {
            kind = causes.powerSigns(alert.deviceId()) ? LikelyCause.Kind.POWER_CUT : LikelyCause.Kind.UPLINK;
        } else if (communeCut) {
            kind = LikelyCause.Kind.COMMUNE_POWER_CUT;
            detail = powerless + "/" + devices;
        } else if (alert.type() == RuleType.COMMUNE_DOWN) {
            kind = LikelyCause.Kind.UNKNOWN;
        } else if (causes.powerSigns(alert.deviceId())) {
            kind = LikelyCause.Kind.POWER_CUT;
        } else if (causes.faultSigns(alert.deviceId()) != null && offline.size() <= 1) {
            kind = LikelyCause.Kind.DEVICE_FAULT;
            detail = causes.faultSigns(alert.deviceId());
        } else {
            kind = LikelyCause.Kind.UNKNOWN;
        }
        String communeName = communeId == null ? "" : inv.place(communeId).map(Place::name).orElse(communeId);
        return LikelyCause.json(kind, detail).put("text", LikelyCause.text(kind, detail, communeName, vi));
    }

    private void stateChanged(Present before, Present after) {
        if (!running) {
            return;
        }
        inventory.get().device(after.deviceId()).ifPresent(device -> {
            // a change counts toward flapping only when it is recent in event time: a backlog replayed fast (a
            // gateway draining after an uplink cut) is not a device flapping now
            if (before != null && (before.state() == DeviceState.OFFLINE) != (after.state() == DeviceState.OFFLINE)
                    && after.since() >= clock.getAsLong() - LATE_MS) {
                changes.computeIfAbsent(device.id(), k -> new ArrayDeque<>()).addLast(clock.getAsLong());
                evaluateFlapping(device);
            }
            evaluateState(device, after);
            if (device.kind() == DeviceKind.GATEWAY && before != null
                    && (before.state() == DeviceState.OFFLINE) != (after.state() == DeviceState.OFFLINE)) {
                gatewayChanged(device, after.state() == DeviceState.OFFLINE);
            }
        });
        tick();
    }

    /**
     * A gateway went down or came back: the commune rules count its devices again (those behind a gateway that is
     * down are its alert's, not the commune's); once back, what it held back is notified after the settle time if
     * still true.
     */
    private void gatewayChanged(Device gateway, boolean down) {
        Inventory inv = inventory.get();
        inv.communeOf(gateway.placeId()).ifPresent(commune -> evaluateCommune(inv, commune.id()));
        if (!down) {
            long after = clock.getAsLong() + settle.toMillis();
            held.replaceAll((id, at) -> at == Long.MAX_VALUE ? after : at);
        }
    }

    /** Whether the device reaches the district through a gateway that is offline now. */
    private boolean behindDownGateway(Device device, Inventory inv) {
        if (device.gatewayId() == null) {
            return false;
        }
        return inv.device(device.gatewayId()).map(gateway -> present.of(gateway).state() == DeviceState.OFFLINE)
                .orElse(false);
    }

    /** Flap detection of the state rules on one device: one flapping alert instead of a stream. */
    private void evaluateFlapping(Device device) {
        Deque<Long> seen = changes.get(device.id());
        if (seen == null) {
            return;
        }
        long now = clock.getAsLong();
        Inventory inv = inventory.get();
        long longest = 0;
        for (AlertRule rule : rules) {
            if (!rule.type().followsState() || rule.flapping() == null || !rule.appliesTo(device, inv)) {
                continue;
            }
            AlertRule.Flapping flapping = rule.flapping();
            longest = Math.max(longest, flapping.window().toMillis());
            long from = now - flapping.window().toMillis();
            int count = (int) seen.stream().filter(t -> t >= from).count();
            String key = flapKey(rule.id(), device.id());
            if (count >= flapping.start() && !open.containsKey(key)) {
                long since = seen.stream().filter(t -> t >= from).findFirst().orElse(now);
                Alert alert = new Alert(rule.id() + ":" + device.id() + ":flapping:" + now, rule.id(),
                        RuleType.FLAPPING, rule.severity(), device.id(), since, now, Alert.State.FIRING, null, null,
                        null, null);
                opened(key, alert);
                changed(alert);
                LOG.info("Alerts: {} flapping ({} changes within {})", device.id(), count, flapping.window());
                store.save(alert).onComplete(saved -> fire(alert));
            } else if (count <= flapping.stop() && open.containsKey(key)) {
                resolve(key);
            }
        }
        long oldest = now - longest;
        while (!seen.isEmpty() && seen.peekFirst() < oldest) {
            seen.pollFirst();
        }
        if (seen.isEmpty() && !hasFlapping(device.id())) {
            changes.remove(device.id());
        }
    }

    private boolean hasFlapping(String deviceId) {
        return open.values().stream().anyMatch(a -> a.type() == RuleType.FLAPPING && a.deviceId().equals(deviceId));
    }

    private void evaluateState(Device device, Present now) {
        Inventory inv = inventory.get();
        String commune = inv.communeOf(device.placeId()).map(Place::id).orElse(null);
        if (commune != null) {
            Set<String> offline = offlineByCommune.computeIfAbsent(commune, k -> new HashSet<>());
            boolean changed = now.state() == DeviceState.OFFLINE ? offline.add(device.id())
                    : offline.remove(device.id());
            if (changed) {
                evaluateCommune(inv, commune);
            }
        }
        for (AlertRule rule : rules) {
            if (!rule.type().followsState() || !rule.appliesTo(device, inv)) {
                continue;
            }
            String key = key(rule.id(), device.id());
            boolean holds = now.state() == DeviceState.OFFLINE;
            if (holds) {
                if (!open.containsKey(key)) {
                    pend(key, now.since(), rule, true);
                }
            } else {
                pending.remove(key);
                resolve(key);
            }
        }
    }

    /** The commune rules on one commune: offline devices of the rule's kinds against all of them. */
    private void evaluateCommune(Inventory inv, String communeId) {
        Optional<Place> commune = inv.place(communeId);
        if (commune.isEmpty()) {
            return;
        }
        Set<String> offline = offlineByCommune.getOrDefault(communeId, Set.of());
        for (AlertRule rule : rules) {
            if (!rule.type().perCommune() || !appliesTo(rule, inv, commune.get())) {
                continue;
            }
            int[] counts = counts(inv, rule, communeId, offline);
            String key = key(rule.id(), communeId);
            boolean holds = counts[1] > 0 && counts[0] >= 2 && 100.0 * counts[0] / counts[1] >= rule.level();
            if (holds) {
                if (!open.containsKey(key)) {
                    pend(key, clock.getAsLong(), rule, true);
                }
            } else {
                pending.remove(key);
                resolve(key);
            }
        }
    }

    private static boolean appliesTo(AlertRule rule, Inventory inv, Place commune) {
        return rule.places().isEmpty() || inv.ancestors(commune.id()).stream()
                .anyMatch(place -> rule.places().contains(place.id()));
    }

    /**
     * Offline devices and all devices of the rule's kinds under the commune; a device behind a gateway that is down is
     * not counted offline (the gateway's alert speaks for a commune cut off).
     */
    private int[] counts(Inventory inv, AlertRule rule, String communeId, Set<String> offline) {
        int total = 0;
        int down = 0;
        for (Device device : inv.devicesUnder(communeId)) {
            if (rule.kinds().contains(device.kind())) {
                total++;
                down += offline.contains(device.id()) && !behindDownGateway(device, inv) ? 1 : 0;
            }
        }
        return new int[] {down, total};
    }

    /**
     * Whether the device alert is held back: its device is flapping (for a state rule's alert), its gateway is down
     * (the gateway's alert speaks for the commune cut off), or an open commune alert covers its device's commune.
     */
    private boolean inhibited(Alert alert) {
        if (alert.type().perCommune() || alert.type() == RuleType.FLAPPING) {
            return false;
        }
        if (alert.type().followsState() && open.containsKey(flapKey(alert.ruleId(), alert.deviceId()))) {
            return true;
        }
        Inventory inv = inventory.get();
        Optional<Device> device = inv.device(alert.deviceId());
        if (device.isPresent() && behindDownGateway(device.get(), inv)) {
            return true;
        }
        String commune = device.flatMap(d -> inv.communeOf(d.placeId())).map(Place::id).orElse(null);
        return commune != null && communeAlerts.getOrDefault(commune, 0) > 0;
    }

    /** Keeps {@link #communeAlerts} and the open alerts in step. */
    private void opened(String key, Alert alert) {
        Alert before = open.put(key, alert);
        if (before == null && alert.type().perCommune()) {
            communeAlerts.merge(alert.deviceId(), 1, Integer::sum);
        }
    }

    private Alert closed(String key) {
        Alert alert = open.remove(key);
        if (alert != null && alert.type().perCommune()) {
            communeAlerts.computeIfPresent(alert.deviceId(), (k, n) -> n > 1 ? n - 1 : null);
        }
        return alert;
    }

    /** Every device against the state rules, and open alerts of rules no longer in force resolved. */
    private Future<Void> reconcile() {
        Inventory inv = inventory.get();
        Set<String> ruleIds = new HashSet<>();
        rules.forEach(rule -> ruleIds.add(rule.id()));
        for (Alert alert : List.copyOf(open.values())) {
            boolean known = alert.type().perCommune() ? inv.place(alert.deviceId()).isPresent()
                    : inv.device(alert.deviceId()).isPresent();
            if (!ruleIds.contains(alert.ruleId()) || !known) {
                resolve(keyOf(alert));
            } else if (alert.type() == RuleType.FLAPPING) {
                // what was seen before the restart is gone: it is judged on the changes from now on
                changes.computeIfAbsent(alert.deviceId(), k -> new ArrayDeque<>());
            }
        }
        offlineByCommune.clear();
        return Slices.forEach(vertx, List.copyOf(inv.devices()).iterator(), device -> {
            if (running) {
                evaluateState(device, present.of(device));
            }
        }).onSuccess(v -> {
            for (Place commune : inv.placesAtLevel(inv.communeLevel())) {
                evaluateCommune(inv, commune.id());
            }
            // still open (a status rule stays open until a status says otherwise): notified unless it was already
            for (Alert alert : List.copyOf(open.values())) {
                if (!sent.contains(alert.id() + "/firing")) {
                    fire(alert);
                }
            }
            periodic();
        });
    }

    /**
     * A condition starts pending (unless it already is): it fires once it has held for the rule's {@code for}, counted
     * from now.
     */
    private void pend(String key, long since, AlertRule rule, boolean keepFirst) {
        long now = clock.getAsLong();
        if (keepFirst) {
            pending.putIfAbsent(key, new long[] {since, now});
        } else {
            pending.put(key, new long[] {since, now});
        }
        nextDue = Math.min(nextDue, pending.get(key)[1] + rule.pending().toMillis());
    }

    /** Every second: what is due fires, flapping settles, held alerts are released, unacknowledged ones escalate. */
    private void periodic() {
        long now = clock.getAsLong();
        tick();
        for (String deviceId : List.copyOf(changes.keySet())) {
            inventory.get().device(deviceId).ifPresentOrElse(this::evaluateFlapping, () -> changes.remove(deviceId));
        }
        release(now);
        escalate(now);
    }

    /** Fires the pending conditions that have held for their rule's {@code for} (at once if none is due yet). */
    private void tick() {
        long now = clock.getAsLong();
        if (now < nextDue) {
            return;
        }
        long due = Long.MAX_VALUE;
        Map<String, AlertRule> byId = new HashMap<>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        Iterator<Map.Entry<String, long[]>> it = pending.entrySet().iterator();
        List<Alert> fired = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, long[]> entry = it.next();
            String[] parts = entry.getKey().split("\\|", 2);
            AlertRule rule = byId.get(parts[0]);
            if (rule == null) {
                it.remove();
                continue;
            }
            if (now - entry.getValue()[1] >= rule.pending().toMillis()) {
                it.remove();
                Alert alert = Alert.firing(rule, parts[1], entry.getValue()[0], now);
                opened(entry.getKey(), alert);
                fired.add(alert);
            } else {
                due = Math.min(due, entry.getValue()[1] + rule.pending().toMillis());
            }
        }
        nextDue = due;
        for (Alert alert : fired) {
            LOG.info("Alerts: {} fired", alert.id());
            changed(alert);
            store.save(alert).onComplete(saved -> fire(alert));
        }
    }

    /** Alerts notified and still unacknowledged after {@code escalateAfter} go to the staff covering them. */
    private void escalate(long now) {
        if (escalateAfter == null || firingNotifiedAt.isEmpty()) {
            return;
        }
        long limit = escalateAfter.toMillis();
        for (Alert alert : List.copyOf(open.values())) {
            Long at = firingNotifiedAt.get(alert.id());
            if (at == null || now - at < limit) {
                continue;
            }
            firingNotifiedAt.remove(alert.id());
            if (alert.state() != Alert.State.FIRING) {
                continue;
            }
            Set<String> staff = new HashSet<>(routing.escalation(chain(alert)));
            staff.removeAll(notifiedTo.getOrDefault(alert.id(), Set.of()));
            if (staff.isEmpty()) {
                LOG.info("Alerts: {} unacknowledged after {}, but no staff covers it who has not had it",
                        alert.id(), escalateAfter);
                continue;
            }
            LOG.info("Alerts: {} unacknowledged after {}: escalated to {}", alert.id(), escalateAfter, staff);
            notify(alert, "escalated", staff);
        }
    }

    /** The alert's place and its ancestors (ids), nearest last. */
    private List<String> chain(Alert alert) {
        Inventory inv = inventory.get();
        String placeId = alert.type().perCommune() ? alert.deviceId()
                : inv.device(alert.deviceId()).map(Device::placeId).orElse(null);
        if (placeId == null) {
            return List.of();
        }
        return inv.ancestors(placeId).stream().map(Place::id).toList();
    }

    /** Notifies a firing alert now, or holds it back while its commune's alert is open or a silence covers it. */
    private void fire(Alert alert) {
        if (!open.containsKey(keyOf(alert))) {
            return;
        }
        boolean inhibited = inhibited(alert);
        if (inhibited || silences.covers(alert, clock.getAsLong())) {
            LOG.info("Alerts: {} held back ({})", alert.id(), inhibited
                    ? "its gateway is down, its commune's alert is open or it is flapping" : "silenced");
            held.put(alert.id(), inhibited ? Long.MAX_VALUE : 0L);
            return;
        }
        notify(alert, "firing", routing.firing(chain(alert)));
    }

    /** Notifies the held alerts that nothing holds any more (once, when their silence or commune alert is over). */
    private void release(long now) {
        if (held.isEmpty()) {
            return;
        }
        for (Alert alert : List.copyOf(open.values())) {
            Long after = held.get(alert.id());
            if (after == null || now < after) {
                continue;
            }
            if (inhibited(alert)) {
                held.put(alert.id(), Long.MAX_VALUE);
            } else if (!silences.covers(alert, now)) {
                held.remove(alert.id());
                notify(alert, "firing", routing.firing(chain(alert)));
            }
        }
    }

    private void resolve(String key) {
        Alert alert = closed(key);
        if (alert == null) {
            return;
        }
        Alert resolved = alert.resolved(clock.getAsLong());
        LOG.info("Alerts: {} resolved", alert.id());
        changed(resolved);
        held.remove(alert.id());
        firingNotifiedAt.remove(alert.id());
        missedWhat.remove(alert.id());
        boolean wasNotified = sent.contains(alert.id() + "/firing");
        Set<String> people = notifiedTo.remove(alert.id());
        store.save(resolved).onComplete(saved -> {
            if (wasNotified) {
                notify(resolved, "resolved", people == null ? Set.of() : people);
            }
        });
        if (alert.type().perCommune()) {
            // what its commune alert held back and is still true once the commune has settled is notified then
            long after = clock.getAsLong() + settle.toMillis();
            held.replaceAll((id, at) -> at == Long.MAX_VALUE ? after : at);
        } else if (alert.type() == RuleType.FLAPPING) {
            // settled: what flapping held back and is still true is notified now
            long now = clock.getAsLong();
            held.replaceAll((id, at) -> at == Long.MAX_VALUE ? now : at);
        }
    }

    /** Notifies the channels and {@code people} of an alert's {@code kind} (firing, escalated, resolved). */
    private void notify(Alert alert, String kind, Set<String> people) {
        sent.add(alert.id() + "/" + kind);
        if (!"resolved".equals(kind)) {
            notifiedTo.computeIfAbsent(alert.id(), k -> new HashSet<>()).addAll(people);
        }
        if ("firing".equals(kind)) {
            firingNotifiedAt.put(alert.id(), clock.getAsLong());
        }
        Inventory inv = inventory.get();
        JsonObject body = body(alert, kind);
        AlertRule rule = rules.stream().filter(r -> r.id().equals(alert.ruleId())).findFirst().orElse(null);
        String commune = alert.type().perCommune() ? alert.deviceId()
                : inv.device(alert.deviceId()).flatMap(d -> inv.communeOf(d.placeId())).map(Place::id).orElse("");
        String group = alert.ruleId() + "|" + alert.type().wireName() + "|" + commune;
        String title = AlertMessages.groupTitle(alert.type(), rule == null ? null : rule.level(), inv,
                commune.isEmpty() ? null : commune, !"en".equals(language));
        dispatcher.dispatch(new Notice(alert, kind, body, group, title, people));
    }

    /**
     * The alert as a notification carries it ({@code alerts[]} of the webhook payload of {@code docs/alerting.md},
     * version 1), with its headline ({@code text}) and dashboard {@code link}.
     */
    JsonObject body(Alert alert, String kind) {
        Inventory inv = inventory.get();
        AlertRule rule = rules.stream().filter(r -> r.id().equals(alert.ruleId())).findFirst().orElse(null);
        JsonArray places = new JsonArray();
        Optional<Device> device = alert.type().perCommune() ? Optional.empty() : inv.device(alert.deviceId());
        String placeId = alert.type().perCommune() ? alert.deviceId() : device.map(Device::placeId).orElse(null);
        String count = null;
        if (alert.type() == RuleType.FLAPPING && rule != null && rule.flapping() != null) {
            long from = clock.getAsLong() - rule.flapping().window().toMillis();
            count = String.valueOf(changes.getOrDefault(alert.deviceId(), new ArrayDeque<>()).stream()
                    .filter(t -> t >= from).count());
        }
        if (alert.type().perCommune() && rule != null) {
            int[] counts = counts(inv, rule, alert.deviceId(), offlineByCommune.getOrDefault(alert.deviceId(),
                    Set.of()));
            count = counts[0] + "/" + counts[1];
        }
        if (placeId != null) {
            List<Place> chain = inv.ancestors(placeId);
            for (int i = chain.size() - 1; i >= 0; i--) {
                Place place = chain.get(i);
                places.add(new JsonObject().put("id", place.id()).put("name", place.name())
                        .put("level", place.level()));
            }
        }
        JsonObject body = new JsonObject()
                .put("id", alert.id())
                .put("rule", alert.ruleId())
                .put("type", alert.type().wireName())
                .put("severity", alert.severity().wireName())
                .put("state", alert.state().wireName())
                .put("device", alert.deviceId())
                .put("device_kind", device.map(d -> d.kind().wireName()).orElse(null))
                .put("device_name", device.map(Device::name).orElse(null))
                .put("places", places)
                .put("since", Instant.ofEpochMilli(alert.since()).toString())
                .put("fired_at", Instant.ofEpochMilli(alert.firedAt()).toString())
                .put("resolved_at", alert.resolvedAt() == null ? null
                        : Instant.ofEpochMilli(alert.resolvedAt()).toString())
                .put("acknowledged_by", alert.ackedBy());
        boolean vi = !"en".equals(language);
        boolean firing = !"resolved".equals(kind);
        JsonObject cause = firing ? likelyCause(alert, inv, vi) : null;
        if (cause != null) {
            body.put("likely_cause", cause);
        }
        StatusMessage last = alert.type().perCommune() ? null : lastStatus.get(alert.deviceId());
        String values = firing ? AlertMessages.lastValues(last, vi) : null;
        body.put("last_values", last == null ? null : new JsonObject(new HashMap<>(last.fields()))
                .put("ts", Instant.ofEpochMilli(last.ts()).toString()));
        String missed = missedWhat.get(alert.id());
        if (missed != null) {
            body.put("missed", missed);
        }
        String text = AlertMessages.text(alert, "resolved".equals(kind) ? kind : "firing", inv, rule, language, count)
                + (missed == null || !firing ? "" : " — " + missed)
                + (cause == null ? "" : (vi ? " — khả năng: " : " — likely cause: ") + cause.getString("text"))
                + (values == null ? "" : (vi ? " — giá trị cuối: " : " — last values: ") + values);
        if ("escalated".equals(kind)) {
            text = AlertMessages.escalated(text, escalateAfter == null ? Duration.ZERO : escalateAfter, vi);
        }
        String link = dashboardUrl == null ? null : dashboardUrl + "/devices/" + alert.deviceId();
        return body.put("text", text).put("link", link);
    }

    /** What a check of the rules file found: nothing new, new rules, or a problem. */
    private record Reload(long modified, AlertConfig config, String problem) {
    }

    /** Checks the rules file on a worker thread (a disk may be slow); applies what it found on the event loop. */
    private void reloadIfChanged() {
        if (reloading) {
            return;
        }
        reloading = true;
        Inventory inv = inventory.get();
        vertx.executeBlocking(() -> {
            long modified = modified();
            if (modified == rulesModified) {
                return null;
            }
            try {
                return new Reload(modified, AlertRulesReader.read(rulesFile, inv), null);
            } catch (InventoryException e) {
                return new Reload(modified, null, e.getMessage());
            }
        }, false).onComplete(done -> {
            reloading = false;
            if (done.failed()) {
                LOG.error("Alerts: {} could not be checked: {}", rulesFile, done.cause().toString());
                return;
            }
            Reload reload = done.result();
            if (reload == null || !running) {
                return;
            }
            rulesModified = reload.modified();
            if (reload.problem() != null) {
                LOG.error("Alerts: {} not reloaded, the rules in force stay: {}", rulesFile, reload.problem());
                return;
            }
            apply(reload.config());
            LOG.info("Alerts: {} rules and {} people reloaded from {}", reload.config().rules().size(),
                    reload.config().people().size(), rulesFile);
            reconcile();
        });
    }

    private long modified() {
        try {
            return Files.getLastModifiedTime(rulesFile).toMillis() ^ Files.size(rulesFile);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String key(String ruleId, String deviceId) {
        return ruleId + "|" + deviceId;
    }

    private static String flapKey(String ruleId, String deviceId) {
        return ruleId + "|" + deviceId + "|flapping";
    }

    private static String keyOf(Alert alert) {
        return alert.type() == RuleType.FLAPPING ? flapKey(alert.ruleId(), alert.deviceId())
                : key(alert.ruleId(), alert.deviceId());
    }
}

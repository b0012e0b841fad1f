package vn.commune.telemetry.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryBuilder;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.service.ingest.IngestPipeline;
import vn.commune.telemetry.service.storage.StorageGauges;

/**
 * Verifies the tracker against the pure fold: whatever order messages arrive in (slightly or very late), however
 * repairs from storage interleave with arrivals or fail, and across a restart that rebuilds from what was stored, the
 * history in memory and the transitions stored both end up exactly the fold of all evidence in order.
 */
class StateTrackerTest {

    private static final long I = 60_000;
    private static final long BASE = 1_000_000_000_000L;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /**
     * Verifies convergence over many random arrival orders, repair timings, window and batch sizes, restarts (150
     * seeds; {@code -Dct.seeds=3000} tries more).
     */
    @Test
    void anyArrivalOrderGivesTheFoldOfAllEvidence() throws Exception {
        for (long seed = 1; seed <= Long.getLong("ct.seeds", 150); seed++) {
            new World(seed).play();
        }
    }

    /**
     * Verifies that a device whose messages came out of order is folded once more from storage once it has been quiet
     * for {@code settleAfter}, and that one whose messages came in order is not.
     */
    @Test
    void outOfOrderDeviceIsSettledFromStorageOnceQuiet() throws Exception {
        Village village = new Village(Duration.ofSeconds(30), "ls-late", "ls-ordered");
        Inventory inventory = village.inventory;
        AtomicLong clock = village.clock;
        StateHistory history = village.history;
        FakeStore store = village.store;
        StateTracker tracker = village.tracker;
        StateRepairs repairs = village.repairs;

        // Given one device's statuses arriving in order, the other's with the second before the first
        Evidence first = new Evidence(BASE + I, Cause.STATUS);
        Evidence second = new Evidence(BASE + 2 * I, Cause.STATUS);
        for (String id : List.of("ls-late", "ls-ordered")) {
            store.add(id, first);
            store.add(id, second);
        }
        Device late = inventory.device("ls-late").orElseThrow();
        Device ordered = inventory.device("ls-ordered").orElseThrow();
        tracker.accept(new IngestPipeline.Accepted(message(late.id(), second), late, clock.get()));
        tracker.accept(new IngestPipeline.Accepted(message(late.id(), first), late, clock.get()));
        tracker.accept(new IngestPipeline.Accepted(message(ordered.id(), first), ordered, clock.get()));
        tracker.accept(new IngestPipeline.Accepted(message(ordered.id(), second), ordered, clock.get()));

        // When the watchdog looks before the devices have been quiet for 30 s, nothing is settled yet
        clock.addAndGet(29_000);
        tracker.watchdog();
        assertThat(tracker.dirtyDevices()).isZero();

        // Then once they have, only the device with out-of-order messages is folded again, from its first message
        clock.addAndGet(2_000);
        tracker.watchdog();
        assertThat(tracker.dirtyDevices()).isEqualTo(1);
        assertThat(tracker.track("ls-late").dirtyFrom).isEqualTo(first.at());
        assertThat(tracker.track("ls-ordered").dirtyFrom).isEqualTo(Long.MAX_VALUE);
        repairs.pass();
        store.answerAll();
        assertThat(repairs.idle()).isTrue();
        assertThat(history.of("ls-late").after(Long.MIN_VALUE))
                .containsExactly(new Transition(first.at(), Cause.STATUS));
        // and settling is once per disorder: quiet afterwards, nothing more
        clock.addAndGet(60_000);
        tracker.watchdog();
        assertThat(tracker.dirtyDevices()).isZero();

        // And a device that never pauses for 30 s is settled 60 s after its disorder all the same
        tracker.accept(new IngestPipeline.Accepted(message(late.id(), first), late, clock.get()));
        for (int k = 1; k <= 6; k++) {
            clock.addAndGet(10_000);
            Evidence next = new Evidence(BASE + (2 + k) * I, Cause.STATUS);
            store.add(late.id(), next);
            tracker.accept(new IngestPipeline.Accepted(message(late.id(), next), late, clock.get()));
            tracker.watchdog();
            assertThat(tracker.dirtyDevices()).as("after %d s", 10 * k).isEqualTo(k < 6 ? 0 : 1);
        }
        repairs.pass();
        store.answerAll();
        assertThat(tracker.settlingDevices()).isZero();
        tracker.stop();
    }

    /**
     * Verifies that a fold from storage whose answer lacks a message already folded in memory (InfluxDB 1.x has been
     * seen to answer so under load) keeps it rather than taking its transition out of the history.
     */
    @Test
    void readLackingAFoldedMessageKeepsIt() throws Exception {
        Village village = new Village(Duration.ofDays(1), "ls-0");
        AtomicLong clock = village.clock;
        StateHistory history = village.history;
        FakeStore store = village.store;
        StateTracker tracker = village.tracker;
        StateRepairs repairs = village.repairs;
        Device device = village.inventory.device("ls-0").orElseThrow();
        // Given a device that went offline and announced itself back, all stored and folded in order
        List<Evidence> evidence = List.of(new Evidence(BASE, Cause.STATUS), new Evidence(BASE + I, Cause.OFFLINE),
                new Evidence(BASE + 2 * I, Cause.ONLINE), new Evidence(BASE + 3 * I, Cause.STATUS));
        for (Evidence e : evidence) {
            store.add(device.id(), e);
            tracker.accept(new IngestPipeline.Accepted(message(device.id(), e), device, clock.get()));
        }
        List<Transition> folded = List.of(new Transition(BASE, Cause.STATUS), new Transition(BASE + I, Cause.OFFLINE),
                new Transition(BASE + 2 * I, Cause.ONLINE));
        assertThat(history.of(device.id()).after(Long.MIN_VALUE)).isEqualTo(folded);

        // When the device is folded again from a read that lacks the announcement
        store.stored.get(device.id()).remove(evidence.get(2));
        tracker.track(device.id()).dirty(BASE + 2 * I);
        repairs.pass();
        store.answerAll();

        // Then the history still has the device back at the announcement
        assertThat(repairs.idle()).isTrue();
        assertThat(history.of(device.id()).after(Long.MIN_VALUE)).isEqualTo(folded);
        tracker.stop();
    }

    /**
     * One village with loudspeakers reporting every {@code I}, a tracker whose watchdog the test calls itself, and
     * every device folded once from an empty store.
     */
    private final class Village {
        final Inventory inventory;
        final AtomicLong clock = new AtomicLong(BASE + 10_000 * I);
        final StateHistory history = new StateHistory(1_000);
        final FakeStore store = new FakeStore(null);
        final StateTracker tracker;
        final StateRepairs repairs;

        Village(Duration settleAfter, String... devices) throws Exception {
            InventoryBuilder builder = new InventoryBuilder().levels("commune", "village")
                    .place("c", "C", "commune", null, null, null, null)
                    .place("v", "V", "village", "c", 10L, 22.0, 104.0);
            for (String id : devices) {
                builder.device(id, DeviceKind.LOUDSPEAKER, "v", null, null, Duration.ofMillis(I));
            }
            this.inventory = builder.build();
            StateSettings d = StateSettings.defaults();
            StateSettings settings = new StateSettings(d.timeoutIntervals(), Duration.ofDays(1), d.repairPeriod(),
                    d.runMarkerPeriod(), d.reorderWindow(), d.repairBatch(), d.historyPerDevice(), d.seedLookback(),
                    d.transitionQueue(), settleAfter);
            this.tracker = new StateTracker(vertx, () -> inventory, settings, history, (id, at, line) -> { },
                    StateMetrics.noop(), clock::get);
            this.repairs = new StateRepairs(vertx, tracker, store, gauges(), settings, StateMetrics.noop());
            tracker.start(clock.get() - 600_000);
            repairs.pass();
            store.answerAll();
            assertThat(repairs.idle()).isTrue();
        }
    }

    /** One random run: devices, their evidence, its arrival order, and the service (restarted once, maybe). */
    private final class World {
        final long seed;
        final SplittableRandom random;
        final Inventory inventory;
        final StateSettings settings;
        // the wall clock is far after every timestamp, as in an accelerated run or a backlog
        final AtomicLong clock = new AtomicLong(BASE + 10_000 * I);
        final Map<String, String> written = new HashMap<>();
        final FakeStore store;
        StateHistory history;
        StateTracker tracker;
        StateRepairs repairs;

        World(long seed) throws Exception {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            InventoryBuilder builder = new InventoryBuilder().levels("commune", "village")
                    .place("c", "C", "commune", null, null, null, null)
                    .place("v", "V", "village", "c", 10L, 22.0, 104.0);
            for (int d = 0; d < 5; d++) {
                builder.device("ls-" + d, DeviceKind.LOUDSPEAKER, "v", null, null, Duration.ofMillis(I));
            }
            this.inventory = builder.build();
            StateSettings defaults = StateSettings.defaults();
            this.settings = new StateSettings(defaults.timeoutIntervals(), defaults.watchdogPeriod(),
                    defaults.repairPeriod(), defaults.runMarkerPeriod(), 1 + random.nextInt(16),
                    1 + random.nextInt(4), defaults.historyPerDevice(), defaults.seedLookback(),
                    // no settling: what is checked here is that placement and repairs alone converge
                    defaults.transitionQueue(), Duration.ofDays(365));
            this.store = new FakeStore(random);
        }

        /**
         * Starts the service: history from what is stored, every device folded again from shortly before now, or
         * from what the previous run left unsettled.
         */
        void start(long unsettled) {
            history = new StateHistory(100_000);
            Map<String, List<Transition>> loaded = new HashMap<>();
            for (Device device : inventory.devices()) {
                loaded.put(device.id(), stored(device.id()));
            }
            history.prepend(loaded, Long.MIN_VALUE + 1, loaded.keySet());
            tracker = new StateTracker(vertx, () -> inventory, settings, history,
                    (id, at, line) -> written.put(id + "@" + at, line), StateMetrics.noop(), clock::get);
            repairs = new StateRepairs(vertx, tracker, store, gauges(), settings, StateMetrics.noop());
            store.waiting.clear();
            tracker.start(Math.min(clock.get() - 600_000, unsettled));
            pump();
        }

        void play() {
            // Given each device's messages: statuses every interval with gaps, announcements now and then; a device
            // coming back announces itself and reports at the same instant, as the simulator's devices do
            Map<String, List<Evidence>> all = new HashMap<>();
            List<long[]> keys = new ArrayList<>();
            List<Evidence> order = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (Device device : inventory.devices()) {
                List<Evidence> evidence = new ArrayList<>();
                long t = BASE + random.nextLong(I);
                for (int k = 0; k < 300; k++) {
                    t += random.nextInt(10) == 0 ? (4 + random.nextInt(10)) * I : I;
                    int roll = random.nextInt(40);
                    if (roll == 0) {
                        evidence.add(new Evidence(t, Cause.OFFLINE));
                    } else if (roll == 1) {
                        evidence.add(new Evidence(t, Cause.ONLINE));
                        evidence.add(new Evidence(t, Cause.STATUS));
                    } else if (roll == 2) {
                        evidence.add(new Evidence(t, Cause.STATUS));
                        evidence.add(new Evidence(t, Cause.OFFLINE));
                    } else {
                        evidence.add(new Evidence(t, Cause.STATUS));
                        if (roll == 3) {
                            evidence.add(new Evidence(t, Cause.STATUS)); // sent twice
                        }
                    }
                }
                all.put(device.id(), evidence);
                for (Evidence e : evidence) {
                    int roll = random.nextInt(100);
                    long delay = roll < 5 ? random.nextInt(5) * I : roll < 7 ? random.nextInt(200) * I : 0;
                    keys.add(new long[] {e.at() + delay, order.size()});
                    order.add(e);
                    owners.add(device.id());
                }
            }
            keys.sort(Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
            int restartAt = random.nextBoolean() ? random.nextInt(keys.size()) : -1;

            start(Long.MAX_VALUE);
            // When they arrive in that order, each stored before it is handed over, with repairs interleaved
            List<Integer> handlers = new ArrayList<>();
            for (int n = 0; n < keys.size(); n++) {
                int i = (int) keys.get(n)[1];
                store.add(owners.get(i), order.get(i));
                handlers.add(i);
                while (!handlers.isEmpty() && random.nextInt(3) > 0) {
                    int next = handlers.remove(random.nextInt(Math.min(2, handlers.size())));
                    accept(owners.get(next), order.get(next));
                }
                if (random.nextInt(20) == 0) {
                    repairs.pass();
                }
                if (random.nextInt(15) == 0) {
                    store.answerOne();
                }
                if (n == restartAt) {
                    // the service stops (repairs under way finish, or are recorded as unsettled): what it had not
                    // handed over yet is delivered again by the broker after the restart
                    tracker.stop();
                    if (random.nextBoolean()) {
                        pump();
                    }
                    start(tracker.unsettledFrom());
                }
            }
            for (int next : handlers) {
                accept(owners.get(next), order.get(next));
            }
            pump();

            // Then every device's history, in memory and as stored, is the fold of everything in order
            for (Device device : inventory.devices()) {
                List<Evidence> sorted = new ArrayList<>(all.get(device.id()));
                sorted.sort(Evidence.ORDER);
                EvidenceFold.Result expected = EvidenceFold.fold(FoldState.NEVER, sorted, I, 3 * I,
                        EvidenceFold.NO_HORIZON);
                List<Transition> want = HistorySnapshot.of(expected.transitions(), Long.MIN_VALUE)
                        .after(Long.MIN_VALUE);
                assertThat(history.of(device.id()).after(Long.MIN_VALUE)).as("seed %d device %s", seed, device.id())
                        .isEqualTo(want);
                assertThat(HistorySnapshot.of(stored(device.id()), Long.MIN_VALUE).after(Long.MIN_VALUE))
                        .as("stored, seed %d device %s", seed, device.id()).isEqualTo(want);
            }
        }

        void accept(String id, Evidence e) {
            Device device = inventory.device(id).orElseThrow();
            tracker.accept(new IngestPipeline.Accepted(message(id, e), device, clock.get()));
        }

        /** The stored transitions of a device, retracted points left out. */
        List<Transition> stored(String id) {
            List<Transition> stored = new ArrayList<>();
            written.forEach((key, line) -> {
                if (key.startsWith(id + "@") && line.contains("retracted=false")) {
                    long at = Long.parseLong(key.substring(key.indexOf('@') + 1));
                    String cause = line.replaceAll(".*cause=\"([a-z_]+)\".*", "$1");
                    stored.add(new Transition(at, Cause.fromWire(cause).orElseThrow()));
                }
            });
            stored.sort(Comparator.comparingLong(Transition::at));
            return stored;
        }

        void pump() {
            for (int i = 0; i < 1000 && !(repairs.idle() && store.waiting.isEmpty()); i++) {
                repairs.pass();
                store.answerAll();
            }
            assertThat(repairs.idle()).as("repairs done, seed %d", seed).isTrue();
        }
    }

    private static Message message(String id, Evidence e) {
        return switch (e.cause()) {
            case ONLINE -> new StateMessage(id, e.at(), ConnectionState.ONLINE);
            case OFFLINE -> new StateMessage(id, e.at(), ConnectionState.OFFLINE);
            default -> Payloads.status(id, e.at());
        };
    }

    private static StorageGauges gauges() {
        return new StorageGauges() {
            @Override
            public long spooledBatches() {
                return 0;
            }

            @Override
            public long spooledBytes() {
                return 0;
            }

            @Override
            public boolean influxReachable() {
                return true;
            }

            @Override
            public long bufferedPoints() {
                return 0;
            }

            @Override
            public boolean backPressured() {
                return false;
            }
        };
    }

    /**
     * Stored evidence, answering reads when told to (so arrivals happen while a read is out), failing some at random
     * (none without a random source).
     */
    private static final class FakeStore implements EvidenceSource {
        final Map<String, List<Evidence>> stored = new HashMap<>();
        final List<Runnable> waiting = new ArrayList<>();
        final SplittableRandom random;

        FakeStore(SplittableRandom random) {
            this.random = random;
        }

        void add(String device, Evidence e) {
            List<Evidence> list = stored.computeIfAbsent(device, k -> new ArrayList<>());
            if (!list.contains(e)) {
                list.add(e);
            }
        }

        @Override
        public Future<Map<String, EvidenceReader.Stored>> read(List<String> devices, long cut, long lookback,
                long until) {
            Map<String, EvidenceReader.Stored> answer = new HashMap<>();
            for (String device : devices) {
                List<Evidence> before = new ArrayList<>();
                List<Evidence> after = new ArrayList<>();
                for (Evidence e : stored.getOrDefault(device, List.of())) {
                    if (e.at() >= cut && e.at() <= until) {
                        after.add(e);
                    } else if (e.at() < cut && e.at() >= cut - lookback) {
                        before.add(e);
                    }
                }
                after.sort(Evidence.ORDER);
                before.sort(Evidence.ORDER);
                answer.put(device, new EvidenceReader.Stored(before.subList(Math.max(0, before.size() - 2),
                        before.size()), after));
            }
            Promise<Map<String, EvidenceReader.Stored>> promise = Promise.promise();
            boolean fails = random != null && random.nextInt(20) == 0;
            waiting.add(() -> {
                if (fails) {
                    promise.fail("connection closed");
                } else {
                    promise.complete(answer);
                }
            });
            return promise.future();
        }

        void answerOne() {
            if (!waiting.isEmpty()) {
                waiting.remove(random.nextInt(waiting.size())).run();
            }
        }

        void answerAll() {
            while (!waiting.isEmpty()) {
                waiting.remove(0).run();
            }
        }
    }
}

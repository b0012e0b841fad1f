package vn.commune.telemetry.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryBuilder;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.storage.PointSink;

/**
 * The main test of the state package: whatever order a device's messages arrive in (in order, slightly late, or far
 * beyond any window), delivered twice, with the service crashing or stopping at any point and recovering from what
 * it had stored, the transitions in memory and in storage end up exactly the pure fold ({@link EvidenceFold}) of all
 * evidence in order, and a transition is retracted only when a message arrived after later ones of its device.
 *
 * <p>The service is modelled as the ingest path runs it: a message is folded, the transitions it changed are
 * written (durable later, in order), then the message is stored, then acknowledged. A crash loses what was not yet
 * durable, and the broker delivers every unacknowledged message again.
 */
class StateTrackerTest {

    private static final long I = 60_000;
    private static final long BASE = 1_000_000_000_000L;
    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    /** Verifies the property over many seeded random worlds ({@code -Dct.seeds=N} tries more). */
    @Test
    void anyArrivalOrderDuplicatesAndRestartsGiveTheFoldOfAllEvidence() throws Exception {
        int estimated = 0;
        for (long seed = 1; seed <= Long.getLong("ct.seeds", 2_000); seed++) {
            estimated += new World(seed).play();
        }
        System.out.println("StateTrackerTest: " + Long.getLong("ct.seeds", 2_000) + " worlds, " + estimated
                + " devices with a mark placed by estimate (compared within the bound instead)");
    }

    /**
     * Verifies that messages arriving in order never retract anything, across crashes and restarts too. (A status
     * and an offline announcement at the very same instant, sent as two messages, do: the status puts the device
     * online at that instant until the announcement, which wins the instant, arrives. So in-order worlds have none.)
     */
    @Test
    void inOrderArrivalRetractsNothing() throws Exception {
        for (long seed = Long.getLong("ct.from", 1); seed <= 200; seed++) {
            World world = new World(seed);
            world.inOrder = true;
            world.play();
            assertThat(world.retractions).as("seed %d", seed).isZero();
        }
    }

    /**
     * Verifies the documented estimate: an offline announcement arriving inside a stretch of life further back than
     * the recent signs of life reach puts the device back online at most one interval after it.
     */
    @Test
    void farLateMarkInsideARunIsPlacedByEstimate() {
        DeviceEvidence evidence = DeviceEvidence.empty();
        for (int k = 0; k <= 100; k++) {
            evidence.add(new Evidence(BASE + k * I, Cause.STATUS), I, 3 * I);
        }
        // Given 101 statuses in one run, a mark at 10.5 intervals is far behind the recent 32
        evidence.add(new Evidence(BASE + 10 * I + I / 2, Cause.OFFLINE), I, 3 * I);
        EvidenceFold.Result result = EvidenceFold.fold(FoldState.NEVER, evidence, I, 3 * I, EvidenceFold.NO_HORIZON);
        assertThat(evidence.estimatedSplits()).isEqualTo(1);
        assertThat(result.transitions()).containsExactly(new Transition(BASE, Cause.STATUS),
                new Transition(BASE + 10 * I + I / 2, Cause.OFFLINE),
                new Transition(BASE + 11 * I + I / 2, Cause.STATUS));

        // And one within the recent signs of life is exact
        evidence.add(new Evidence(BASE + 90 * I + I / 2, Cause.OFFLINE), I, 3 * I);
        assertThat(evidence.estimatedSplits()).isEqualTo(1);
        assertThat(EvidenceFold.fold(FoldState.NEVER, evidence, I, 3 * I, EvidenceFold.NO_HORIZON).transitions())
                .endsWith(new Transition(BASE + 90 * I + I / 2, Cause.OFFLINE),
                        new Transition(BASE + 91 * I, Cause.STATUS));
    }

    /** One random run: devices, their evidence, its arrival order, and the service (crashed and recovered, maybe). */
    private static final class World {
        final long seed;
        final SplittableRandom random;
        final Inventory inventory;
        final StateSettings settings;
        // the wall clock is far after every timestamp, as in a backlog: no timeout is concluded from silence
        final AtomicLong clock = new AtomicLong(BASE + 100_000 * I);
        final FakeSink sink = new FakeSink();
        /** Stored messages, per device. */
        final Map<String, Set<Evidence>> raw = new HashMap<>();
        /** Folded, transitions written, waiting to be stored. */
        final Deque<Delivery> folded = new ArrayDeque<>();
        boolean inOrder;
        long retractions;
        StateHistory history;
        StateTracker tracker;

        World(long seed) throws Exception {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            InventoryBuilder builder = new InventoryBuilder().levels("commune", "village")
                    .place("c", "C", "commune", null, null, null, null)
                    .place("v", "V", "village", "c", 10L, 22.0, 104.0);
            for (int d = 0; d < 4; d++) {
                builder.device("ls-" + d, DeviceKind.LOUDSPEAKER, "v", null, null, Duration.ofMillis(I));
            }
            this.inventory = builder.build();
            this.settings = new StateSettings(Map.of(), Duration.ofDays(1), Duration.ofSeconds(15), 100_000,
                    Duration.ofDays(3650));
        }

        private record Delivery(String device, Evidence evidence) {
        }

        /** Plays the world; answers how many devices had a mark placed by estimate. */
        int play() throws Exception {
            // Given each device's messages: statuses every interval with gaps, announcements now and then; a device
            // coming back announces itself and reports at the same instant, as the simulator's devices do
            Map<String, List<Evidence>> all = new HashMap<>();
            List<long[]> keys = new ArrayList<>();
            List<Delivery> order = new ArrayList<>();
            for (Device device : inventory.devices()) {
                List<Evidence> evidence = new ArrayList<>();
                long t = BASE + random.nextLong(I);
                int count = 60 + random.nextInt(120);
                for (int k = 0; k < count; k++) {
                    t += random.nextInt(10) == 0 ? (2 + random.nextInt(10)) * I : I - random.nextInt(1_000);
                    int roll = random.nextInt(30);
                    if (roll == 0) {
                        evidence.add(new Evidence(t, Cause.OFFLINE));
                    } else if (roll == 1) {
                        evidence.add(new Evidence(t, Cause.ONLINE));
                        evidence.add(new Evidence(t, Cause.STATUS));
                    } else if (roll == 2 && !inOrder) {
                        evidence.add(new Evidence(t, Cause.STATUS));
                        evidence.add(new Evidence(t, Cause.WILL));
                    } else if (roll == 3) {
                        evidence.add(new Evidence(t, Cause.EVENT));
                    } else {
                        evidence.add(new Evidence(t, Cause.STATUS));
                    }
                }
                all.put(device.id(), evidence);
                for (Evidence e : evidence) {
                    int roll = random.nextInt(100);
                    long delay = inOrder ? 0 : roll < 8 ? random.nextInt(5) * I
                            : roll < 12 ? random.nextLong(300 * I) : 0;
                    keys.add(new long[] {e.at() + delay, order.size()});
                    order.add(new Delivery(device.id(), e));
                    if (!inOrder && random.nextInt(25) == 0) {
                        // delivered twice: the second copy much later
                        keys.add(new long[] {e.at() + random.nextLong(200 * I), order.size()});
                        order.add(new Delivery(device.id(), e));
                    }
                }
            }
            keys.sort(Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
            Deque<Delivery> arrivals = new ArrayDeque<>();
            for (long[] key : keys) {
                arrivals.add(order.get((int) key[1]));
            }
            int restarts = random.nextInt(3);
            Set<Integer> restartAt = new HashSet<>();
            for (int r = 0; r < restarts; r++) {
                restartAt.add(random.nextInt(arrivals.size()));
            }

            // When they arrive in that order, each folded, its transitions made durable some time later, then stored
            // and acknowledged; the service crashes (or stops cleanly) now and then and recovers from storage
            start();
            Map<Delivery, Integer> unacked = new LinkedHashMap<>();
            int n = 0;
            while (!arrivals.isEmpty()) {
                Delivery next = arrivals.poll();
                unacked.merge(next, 1, Integer::sum);
                Device device = inventory.device(next.device()).orElseThrow();
                tracker.accept(device, next.evidence(), clock.get()).onSuccess(v -> folded.add(next));
                if (random.nextInt(3) == 0) {
                    settle(random.nextInt(4), unacked);
                }
                if (Boolean.getBoolean("ct.debug")) {
                    System.out.println("ARRIVE " + next);
                }
                if (restartAt.contains(n++)) {
                    if (Boolean.getBoolean("ct.debug")) {
                        System.out.println("RESTART");
                    }
                    boolean clean = random.nextBoolean();
                    if (clean) {
                        settle(Integer.MAX_VALUE, unacked);
                    }
                    // a crash loses what is not durable; the broker delivers every unacknowledged message again
                    sink.pending.clear();
                    folded.clear();
                    List<Delivery> again = new ArrayList<>(unacked.keySet());
                    for (int k = again.size() - 1; k >= 0; k--) {
                        arrivals.addFirst(again.get(k));
                    }
                    unacked.clear();
                    start();
                }
            }
            settle(Integer.MAX_VALUE, unacked);
            assertThat(unacked).as("seed %d: all acknowledged", seed).isEmpty();

            // Then every device's history, in memory and as stored, is the fold of everything in order
            int estimated = 0;
            for (Device device : inventory.devices()) {
                List<Evidence> sorted = new ArrayList<>(all.get(device.id()));
                sorted.sort(Evidence.ORDER);
                EvidenceFold.Result expected = EvidenceFold.fold(FoldState.NEVER, sorted, I, 3 * I,
                        EvidenceFold.NO_HORIZON);
                List<Transition> want = HistorySnapshot.of(expected.transitions(), Long.MIN_VALUE)
                        .after(Long.MIN_VALUE);
                int splits = tracker.tracked(device.id()).evidence.estimatedSplits()
                        + sink.estimated.getOrDefault(device.id(), 0);
                if (splits > 0) {
                    // placed by estimate: each such mark moves the device's return by less than one timeout
                    estimated++;
                    long end = sorted.get(sorted.size() - 1).at() + 1;
                    assertThat(Math.abs(offline(history.of(device.id()), end) - offline(
                            HistorySnapshot.of(want, Long.MIN_VALUE), end))).as("seed %d device %s", seed, device.id())
                            .isLessThanOrEqualTo(splits * 3 * I);
                    assertThat(sink.stored(device.id())).isEqualTo(history.of(device.id()).after(Long.MIN_VALUE));
                    continue;
                }
                assertThat(history.of(device.id()).after(Long.MIN_VALUE)).as("seed %d device %s", seed, device.id())
                        .isEqualTo(want);
                assertThat(HistorySnapshot.of(sink.stored(device.id()), Long.MIN_VALUE).after(Long.MIN_VALUE))
                        .as("stored, seed %d device %s", seed, device.id()).isEqualTo(want);
            }
            retractions = sink.retractions;
            return estimated;
        }

        /** Makes up to {@code count} writes durable, then stores and acknowledges what they held back. */
        void settle(int count, Map<Delivery, Integer> unacked) {
            sink.complete(count);
            while (!folded.isEmpty()) {
                Delivery stored = folded.poll();
                raw.computeIfAbsent(stored.device(), k -> new HashSet<>()).add(stored.evidence());
                unacked.computeIfPresent(stored, (k, v) -> v > 1 ? v - 1 : null);
            }
        }

        /** Starts the service from what is stored, as the start-up does. */
        void start() throws Exception {
            if (tracker != null) {
                for (Device device : inventory.devices()) {
                    sink.estimated.merge(device.id(), tracker.tracked(device.id()).evidence.estimatedSplits(),
                            Integer::sum);
                }
            }
            history = new StateHistory(100_000);
            tracker = new StateTracker(vertx, () -> inventory, settings, history, sink, StateMetrics.noop(),
                    clock::get);
            TransitionStore.Loaded loaded = sink.loaded(inventory);
            history.prepend(loaded.transitions(), Long.MIN_VALUE + 1, loaded.transitions().keySet());
            StateRecovery recovery = new StateRecovery(vertx, (windowStart, until) -> {
                Map<String, List<Evidence>> states = new HashMap<>();
                Map<String, Long> lastLife = new HashMap<>();
                raw.forEach((device, set) -> {
                    for (Evidence e : set) {
                        if (e.at() < windowStart || e.at() > until) {
                            continue;
                        }
                        if (e.cause() == Cause.STATUS || e.cause() == Cause.EVENT) {
                            lastLife.merge(device, e.at(), Math::max);
                        } else {
                            states.computeIfAbsent(device, k -> new ArrayList<>()).add(e);
                        }
                    }
                });
                return Future.succeededFuture(new StateRecovery.Stored(states, lastLife));
            }, tracker, history);
            recovery.recover(loaded, recovery.read(clock.get() + 300_000, clock.get()), clock.get())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Milliseconds offline (any cause) before {@code end}. */
    private static long offline(HistorySnapshot history, long end) {
        long total = 0;
        for (int i = 0; i < history.size(); i++) {
            long to = i + 1 < history.size() ? history.at(i + 1) : end;
            if (history.cause(i).state() == DeviceState.OFFLINE) {
                total += Math.max(0, to - history.at(i));
            }
        }
        return total;
    }

    /** Transition points: written in order, durable when told; a crash loses the pending ones. */
    private static final class FakeSink implements PointSink {
        private static final Pattern LINE = Pattern.compile(
                "^transition,.*device=([^, ]+).* cause=\"([a-z_]+)\"(?:,last_life=(-?\\d+)i)?,retracted=(true|false)"
                        + ",state=\"[a-z]+\" (-?\\d+)$");
        final Deque<Map.Entry<List<String>, Promise<Void>>> pending = new ArrayDeque<>();
        /** device@instant → the newest durable line. */
        final Map<String, String> durable = new HashMap<>();
        /** Marks placed by estimate in runs of the service before the last restart, per device. */
        final Map<String, Integer> estimated = new HashMap<>();
        long retractions;

        @Override
        public Future<Void> write(List<String> lines) {
            Promise<Void> promise = Promise.promise();
            pending.add(Map.entry(List.copyOf(lines), promise));
            return promise.future();
        }

        void complete(int count) {
            for (int i = 0; i < count && !pending.isEmpty(); i++) {
                Map.Entry<List<String>, Promise<Void>> write = pending.poll();
                for (String line : write.getKey()) {
                    Matcher m = LINE.matcher(line);
                    assertThat(m.matches()).as(line).isTrue();
                    durable.put(m.group(1) + "@" + m.group(5), line);
                    if (m.group(4).equals("true")) {
                        retractions++;
                        if (Boolean.getBoolean("ct.debug")) {
                            System.out.println("RETRACT " + line);
                        }
                    }
                }
                write.getValue().complete();
            }
        }

        List<Transition> stored(String device) {
            List<Transition> list = new ArrayList<>();
            durable.forEach((key, line) -> {
                Matcher m = LINE.matcher(line);
                if (m.matches() && m.group(1).equals(device) && m.group(4).equals("false")) {
                    list.add(new Transition(Long.parseLong(m.group(5)), Cause.fromWire(m.group(2)).orElseThrow()));
                }
            });
            list.sort(Comparator.comparingLong(Transition::at));
            return list;
        }

        TransitionStore.Loaded loaded(Inventory inventory) {
            Map<String, List<Transition>> transitions = new HashMap<>();
            Map<String, Map<Long, Long>> lastLife = new HashMap<>();
            for (Device device : inventory.devices()) {
                transitions.put(device.id(), stored(device.id()));
            }
            durable.values().forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (m.matches() && m.group(3) != null && m.group(4).equals("false")) {
                    lastLife.computeIfAbsent(m.group(1), k -> new HashMap<>())
                            .put(Long.parseLong(m.group(5)), Long.parseLong(m.group(3)));
                }
            });
            return new TransitionStore.Loaded(transitions, lastLife);
        }
    }
}

package vn.commune.telemetry.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
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
 * repairs from storage interleave with arrivals, the history ends up exactly the fold of all evidence in order.
 */
class StateTrackerTest {

    private static final long I = 60_000;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** Verifies convergence over many random arrival orders, repair timings, window and batch sizes. */
    @Test
    void anyArrivalOrderGivesTheFoldOfAllEvidence() throws Exception {
        for (long seed = 1; seed <= 300; seed++) {
            run(seed);
        }
    }

    private void run(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        InventoryBuilder builder = new InventoryBuilder().levels("commune", "village")
                .place("c", "C", "commune", null, null, null, null)
                .place("v", "V", "village", "c", 10L, 22.0, 104.0);
        for (int d = 0; d < 5; d++) {
            builder.device("ls-" + d, DeviceKind.LOUDSPEAKER, "v", null, null, Duration.ofMillis(I));
        }
        Inventory inventory = builder.build();
        long base = 1_000_000_000_000L;
        AtomicLong clock = new AtomicLong(base + 100 * I);
        StateHistory history = new StateHistory(100_000);
        List<String> written = new ArrayList<>();
        StateSettings defaults = StateSettings.defaults();
        StateSettings settings = new StateSettings(defaults.timeoutIntervals(), defaults.watchdogPeriod(),
                defaults.repairPeriod(), defaults.runMarkerPeriod(), 1 + random.nextInt(16), 1 + random.nextInt(4),
                defaults.historyPerDevice(), defaults.seedLookback());
        StateTracker tracker = new StateTracker(vertx, () -> inventory, settings, history,
                lines -> {
                    written.addAll(lines);
                    return Future.succeededFuture();
                }, StateMetrics.noop(), clock::get);
        FakeStore store = new FakeStore();
        StateRepairs repairs = new StateRepairs(vertx, tracker, store, gauges(), settings, StateMetrics.noop());

        // Given each device's messages: statuses every interval with gaps, announcements now and then
        Map<String, List<Evidence>> all = new HashMap<>();
        for (Device device : inventory.devices()) {
            List<Evidence> evidence = new ArrayList<>();
            long t = base + random.nextLong(I);
            for (int k = 0; k < 300; k++) {
                t += random.nextInt(10) == 0 ? (4 + random.nextInt(10)) * I : I;
                int roll = random.nextInt(40);
                Cause cause = roll == 0 ? Cause.OFFLINE : roll == 1 ? Cause.ONLINE : Cause.STATUS;
                evidence.add(new Evidence(t, cause));
                if (roll == 1 || roll == 2) {
                    // a device coming back announces itself and reports at the same instant
                    evidence.add(new Evidence(t, roll == 1 ? Cause.STATUS : Cause.OFFLINE));
                }
                if (roll == 3) {
                    evidence.add(new Evidence(t, cause)); // sent twice
                }
            }
            all.put(device.id(), evidence);
        }
        // arrival order: by time, but some messages a few places late and some very late (a backlog)
        List<Evidence> order = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<double[]> keys = new ArrayList<>();
        for (Map.Entry<String, List<Evidence>> entry : all.entrySet()) {
            for (Evidence e : entry.getValue()) {
                int roll = random.nextInt(100);
                double delay = roll < 5 ? random.nextInt(5) * I : roll < 7 ? random.nextInt(200) * I : 0;
                keys.add(new double[] {e.at() + delay, order.size()});
                order.add(e);
                owners.add(entry.getKey());
            }
        }
        keys.sort((a, b) -> Double.compare(a[0], b[0]));

        tracker.start(base);
        pump(repairs, store);
        // When they arrive in that order, stored before they are handed over, with repairs interleaved
        List<Runnable> handlers = new ArrayList<>();
        for (double[] key : keys) {
            int i = (int) key[1];
            Device device = inventory.device(owners.get(i)).orElseThrow();
            Evidence e = order.get(i);
            store.add(device.id(), e);
            // stored now, handed over a little later (the write's answer is on its way)
            handlers.add(() -> tracker.accept(new IngestPipeline.Accepted(message(device.id(), e), device,
                    clock.get())));
            while (!handlers.isEmpty() && random.nextInt(3) > 0) {
                handlers.remove(random.nextInt(Math.min(2, handlers.size()))).run();
            }
            if (random.nextInt(20) == 0) {
                repairs.pass();
            }
            if (random.nextInt(15) == 0) {
                store.answerOne(random);
            }
        }
        handlers.forEach(Runnable::run);
        pump(repairs, store);

        // Then every device's history is the fold of everything in order
        for (Device device : inventory.devices()) {
            List<Evidence> sorted = new ArrayList<>(all.get(device.id()));
            sorted.sort(Evidence.ORDER);
            EvidenceFold.Result expected = EvidenceFold.fold(FoldState.NEVER, sorted, I, 3 * I,
                    EvidenceFold.NO_HORIZON);
            assertThat(history.of(device.id()).after(Long.MIN_VALUE)).as("seed %d device %s", seed, device.id())
                    .isEqualTo(HistorySnapshot.of(expected.transitions(), Long.MIN_VALUE).after(Long.MIN_VALUE));
        }
    }

    private static void pump(StateRepairs repairs, FakeStore store) {
        for (int i = 0; i < 1000 && !(repairs.idle() && store.waiting.isEmpty()); i++) {
            repairs.pass();
            store.answerAll();
        }
        assertThat(repairs.idle()).isTrue();
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

    /** Stored evidence, answering reads when told to (so arrivals happen while a read is out). */
    private static final class FakeStore implements EvidenceSource {
        final Map<String, List<Evidence>> stored = new HashMap<>();
        final List<Runnable> waiting = new ArrayList<>();

        void add(String device, Evidence e) {
            stored.computeIfAbsent(device, k -> new ArrayList<>()).add(e);
        }

        @Override
        public Future<Map<String, EvidenceReader.Stored>> read(List<String> devices, long cut, long lookback,
                long until) {
            Map<String, EvidenceReader.Stored> answer = new HashMap<>();
            for (String device : devices) {
                Evidence seed = null;
                List<Evidence> after = new ArrayList<>();
                for (Evidence e : stored.getOrDefault(device, List.of())) {
                    if (e.at() >= cut && e.at() <= until) {
                        after.add(e);
                    } else if (e.at() < cut && e.at() >= cut - lookback && (seed == null || e.compareTo(seed) > 0)) {
                        seed = e;
                    }
                }
                after.sort(Evidence.ORDER);
                answer.put(device, new EvidenceReader.Stored(seed, after));
            }
            Promise<Map<String, EvidenceReader.Stored>> promise = Promise.promise();
            waiting.add(() -> promise.complete(answer));
            return promise.future();
        }

        void answerOne(SplittableRandom random) {
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

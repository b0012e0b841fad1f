package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.uptime.IntervalSet;
import vn.commune.telemetry.simulator.ConnectionMode;
import vn.commune.telemetry.simulator.Simulation;
import vn.commune.telemetry.simulator.SimulationConfig;
import vn.commune.telemetry.simulator.SimulationReport;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.truth.TruthReader;
import vn.commune.telemetry.simulator.truth.TruthRecord;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The proof of the figures: the simulator plays the sample district (451 devices, 14 communes, 188 villages) for a
 * simulated week with the harsh fault profile, accelerated, against the real service; every device's uptime and
 * every commune's time-weighted coverage over the week must match the simulator's ground truth within 0.1
 * percentage point. Status intervals are 30 minutes (gateways 10) so that a run takes about a minute here; the rules
 * scale with the interval (the timeout is three of them), and every state change is still exact.
 *
 * <p>The second test stops the service in the middle of the run and starts it again. The broker keeps the
 * messages of the stop (persistent session), so nothing is missing; and since accelerated simulated time lies
 * wholly in the past, the stop (wall-clock time, recorded as the service's runs) does not overlap the simulated
 * week: the expected {@code unknown} time, derived from the truth and the recorded runs, is zero for every device,
 * and the figures must match the truth as in the first test. (The truth file has no notion of the service; a
 * silence that does overlap a stop is covered by {@code ServiceDowntimeIT}.)
 *
 * <p>Both check broadcast compliance the same way: every commune has the sample schedule
 * ({@code broadcast.sample-schedules}: 18 slots a day, one across midnight on Saturday, a one-off item of priority
 * and a one-off emergency interrupting the evening bulletin), published before the simulator starts, which the
 * simulated loudspeakers follow. Every slot occurrence at every loudspeaker wholly inside the week must have its
 * minutes scheduled and played within a minute of the truth, and the set of misses with their causes must be the
 * truth's exactly.
 */
@ExtendWith(TestServersExtension.class)
class SimulatedWeekIT {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedWeekIT.class);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final double TOLERANCE_PP = 0.1;
    private static final String DISTRICT = "bao-thang";
    private static final String CONFIG = "ingest:\n  max-age: P9D\nbroadcast:\n  sample-schedules: true\n"
            + "  sample-back: P8D\n";
    /** Minutes of a slot at a loudspeaker: within a minute of the truth. */
    private static final double MINUTES_TOLERANCE = 1.0;

    /** Verifies every device's uptime and every commune's coverage over a simulated week against the truth. */
    @Test
    void weekMatchesTheTruth(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path inventory = slowInventory(tmp);
        // brokers of their own: the simulator leaves retained state messages, the service a persistent session
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = startService(broker, influx, tmp, inventory)) {
            Run run = simulate(broker, tmp, inventory, 11, Double.POSITIVE_INFINITY, simulation -> { });
            compare(service, influx, run);
        }
    }

    /**
     * Verifies the same with the service stopped and started again while the simulator runs, and once more after a
     * restart with nothing new to read (history rebuilt from storage alone).
     */
    @Test
    void weekMatchesTheTruthAcrossAServiceRestart(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Path inventory = slowInventory(tmp);
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = startService(broker, influx, tmp, inventory)) {
            // paced (a week in about 50 s) so that the service is stopped and started again while devices send
            Run run = simulate(broker, tmp, inventory, 12, WEEK.toSeconds() / 50.0, simulation -> {
                Instant start = simulation.simulatedNow();
                await().atMost(Duration.ofMinutes(2)).until(() -> simulation.simulatedNow()
                        .isAfter(start.plus(Duration.ofDays(2))));
                inOrderRetractsNothing(service);
                service.stop();
                Instant stopped = simulation.simulatedNow();
                await().atMost(Duration.ofMinutes(2)).until(() -> simulation.completion().isDone()
                        || simulation.simulatedNow().isAfter(stopped.plus(Duration.ofHours(12))));
                LOG.info("service stopped from simulated {} to {}", stopped, simulation.simulatedNow());
                service.start().awaitReady();
            });
            JsonNode runs = StateUptimeIT.json(service.get("/api/v1/state")).path("runs");
            assertThat(runs).hasSize(2);
            List<long[]> ran = new ArrayList<>();
            runs.forEach(r -> ran.add(new long[] {Instant.parse(r.path("from").asText()).toEpochMilli(),
                    Instant.parse(r.path("until").asText()).toEpochMilli()}));
            IntervalSet down = IntervalSet.union(ran).complement(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            // the stop lies in wall-clock time, after the whole accelerated week: no unknown time is expected
            assertThat(down.clip(run.start, run.end).and(IntervalSet.of(
                    Instant.parse(runs.get(0).path("from").asText()).toEpochMilli(), Long.MAX_VALUE / 2)).measure())
                    .isZero();
            compare(service, influx, run);
            // and once more from storage alone: what is stored rebuilds the same figures
            service.stop();
            service.start().awaitStateReady();
            compare(service, influx, run);
        }
    }

    private record Run(long start, long end, SimulationReport report, List<TruthRecord> truth) {
    }

    /** The service on the test's own broker, with the slow inventory, ready and folded from storage. */
    private static ServiceHarness startService(MqttBroker broker, InfluxDb influx, Path tmp, Path inventory) {
        ServiceHarness service = new ServiceHarness(broker, influx, tmp, CONFIG).env("INVENTORY",
                inventory.toString()).start().awaitStateReady();
        // the sample schedules are on the broker before the simulator subscribes: they apply from its first instant
        Inventory sample = ServiceHarness.sampleInventory();
        for (Place commune : sample.placesAtLevel(sample.communeLevel())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> StateUptimeIT.json(service.get("/api/v1/schedules/"
                    + commune.id())).at("/delivery/acknowledged").asBoolean());
        }
        return service;
    }

    private interface During {
        void run(Simulation simulation) throws Exception;
    }

    /**
     * The harsh profile without clock skew: a device whose clock is off stamps its messages off by the skew, and the
     * service places data at the devices' own timestamps (by design), so its figures for such a device differ from
     * the true-time truth by the skew.
     */
    private static FaultPlan faults() {
        FaultPlan harsh = FaultPlan.profile("harsh");
        return new FaultPlan("harsh-without-clock-skew",
                harsh.faults().stream().filter(f -> f.type() != FaultType.CLOCK_SKEW).toList(),
                harsh.rates().stream().filter(r -> r.type() != FaultType.CLOCK_SKEW).toList(),
                harsh.malformedRate());
    }

    /** The sample district with status intervals of 30 minutes (gateways 10), which both sides read. */
    private static Path slowInventory(Path tmp) throws IOException {
        String text = Files.readString(ServiceHarness.SAMPLE_INVENTORY)
                .replaceAll("(?m)^(    kind: (loudspeaker|wifi|camera))$", "$1\n    interval: PT30M")
                .replaceAll("(?m)^(    kind: gateway)$", "$1\n    interval: PT10M");
        return Files.writeString(tmp.resolve("inventory-15m.yaml"), text);
    }

    private static Run simulate(MqttBroker broker, Path tmp, Path inventoryFile, long seed, double speed,
            During during) throws Exception {
        Inventory inventory = InventoryReader.read(inventoryFile);
        Instant start = Instant.now().minus(WEEK).minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        // kept in target/ after the run: what explains a failure
        Path truthFile = Files.createDirectories(Path.of("target")).resolve("week-truth-" + seed + ".jsonl");
        SimulationConfig config = SimulationConfig.builder(broker.url(), inventory).duration(WEEK).speed(speed)
                .seed(seed).start(start).faults(faults()).truthFile(truthFile)
                .connections(ConnectionMode.pooled(4)).reportEvery(null).build();
        SimulationReport report;
        try (Simulation simulation = Simulation.start(config)) {
            simulation.started().get(1, TimeUnit.MINUTES);
            during.run(simulation);
            report = simulation.completion().get(3, TimeUnit.MINUTES);
        }
        LOG.info("simulated {} in {}: {} messages ({} statuses), {} of them held back by uplink cuts and delivered "
                + "late", report.simulated(), report.wallTime(), report.messagesSent(), report.statusesSent(),
                report.backlogged());
        return new Run(start.toEpochMilli(), start.plus(WEEK).toEpochMilli(), report, TruthReader.read(truthFile));
    }

    private static void debug(ServiceHarness service, InfluxDb influx, Run run, String id) {
        StringBuilder out = new StringBuilder();
        for (TruthRecord r : run.truth()) {
            if (r.toString().contains(id)) {
                out.append(r).append('\n');
            }
        }
        out.append(influx.query(service.database, "SELECT * FROM status WHERE device='" + id + "'")).append('\n');
        out.append(influx.query(service.database, "SELECT * FROM state WHERE device='" + id + "'")).append('\n');
        out.append(influx.query(service.database, "SELECT * FROM event WHERE device='" + id + "'")).append('\n');
        out.append(influx.query(service.database, "SELECT * FROM transition WHERE device='" + id + "'")).append('\n');
        out.append(service.get("/api/v1/uptime?device=" + id + "&from=" + Instant.ofEpochMilli(run.start()) + "&to="
                + Instant.ofEpochMilli(run.end())).body()).append('\n');
        try {
            Files.writeString(Path.of("target", "simdebug-" + id + ".txt"), out.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A retraction only when late data changed the past: a run of the service that received every message in order
     * (per device) retracted nothing. (Under a full-speed simulation the broker, holding thousands of unacknowledged
     * messages, delivers some of a device's messages seconds late: those are counted, and do retract.)
     */
    private static void inOrderRetractsNothing(ServiceHarness service) {
        double outOfOrder = service.metric("ct_state_evidence_out_of_order_total", null);
        double retracted = service.metric("ct_state_retractions_total", null);
        LOG.info("this run of the service: {} messages out of order, {} transitions retracted", outOfOrder, retracted);
        if (outOfOrder == 0) {
            assertThat(retracted).as("retractions with every message in order").isZero();
        }
    }

    private static void compare(ServiceHarness service, InfluxDb influx, Run run) {
        await().atMost(Duration.ofMinutes(2)).until(() -> influx.count(service.database,
                "SELECT count(v) FROM status") >= run.report().statusesSent());
        service.awaitStateReady();
        inOrderRetractsNothing(service);
        Inventory inventory = ServiceHarness.sampleInventory();
        Map<String, IntervalSet> online = truthOnline(run);
        String period = "&from=" + Instant.ofEpochMilli(run.start()) + "&to=" + Instant.ofEpochMilli(run.end());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode district = StateUptimeIT.json(service.get("/api/v1/uptime?place=" + DISTRICT + period
                    + "&worst=1000"));
            assertThat(district.path("devices").asInt()).isEqualTo(inventory.devices().size());
            double worst = 0;
            for (JsonNode device : district.path("worst")) {
                String id = device.path("id").asText();
                double expected = 100.0 * online.get(id).measure() / (run.end() - run.start());
                if (device.at("/seconds/unknown").asDouble() > 0
                        || Math.abs(device.path("uptime_pct").asDouble() - expected) > TOLERANCE_PP) {
                    // about to fail: keep what explains it (truth, stored points, transitions, the API's answer)
                    debug(service, influx, run, id);
                }
                assertThat(device.at("/seconds/unknown").asDouble()).as(() -> "unknown time of " + id + ": "
                        + service.get("/api/v1/uptime?device=" + id + period).body()).isZero();
                assertThat(device.at("/seconds/maintenance").asDouble()).as("maintenance of %s", id).isZero();
                assertThat(device.path("uptime_pct").asDouble()).as("uptime of %s", id)
                        .isCloseTo(expected, Offset.offset(TOLERANCE_PP));
                worst = Math.max(worst, Math.abs(device.path("uptime_pct").asDouble() - expected));
            }
            LOG.info("uptime: {} devices, largest difference from the truth {} pp; transitions written {}, retracted "
                    + "{}; messages out of order {}, marks placed by estimate {}", district.path("worst").size(), worst,
                    service.metric("ct_state_transitions_total", null),
                    service.metric("ct_state_retractions_total", null),
                    service.metric("ct_state_evidence_out_of_order_total", null),
                    service.metric("ct_state_estimated_splits", null));
        });
        double worstCoverage = 0;
        for (Place commune : inventory.children(DISTRICT)) {
            for (DeviceKind kind : List.of(DeviceKind.LOUDSPEAKER, DeviceKind.WIFI)) {
                JsonNode coverage = StateUptimeIT.json(service.get("/api/v1/coverage?place=" + commune.id()
                        + "&kind=" + kind.wireName() + period));
                double expected = expectedCoverage(inventory, commune, kind, online, run);
                assertThat(coverage.at("/period/pct").asDouble()).as("%s coverage of %s", kind, commune.id())
                        .isCloseTo(expected, Offset.offset(TOLERANCE_PP));
                worstCoverage = Math.max(worstCoverage, Math.abs(coverage.at("/period/pct").asDouble() - expected));
            }
        }
        LOG.info("coverage: {} communes, largest difference from the truth {} pp",
                inventory.children(DISTRICT).size(), worstCoverage);
        compareBroadcasts(service, influx, run, period);
    }

    /**
     * Every slot occurrence at every loudspeaker that lies wholly in the week: its minutes expected and played within a
     * minute of the truth, and exactly the truth's misses with their causes.
     */
    private static void compareBroadcasts(ServiceHarness service, InfluxDb influx, Run run, String period) {
        long asked = System.nanoTime();
        JsonNode compliance = StateUptimeIT.json(service.get("/api/v1/broadcasts/compliance?place=" + DISTRICT
                + period + "&slots=all"));
        LOG.info("compliance of the district's week, every slot occurrence listed: {} ms",
                (System.nanoTime() - asked) / 1_000_000);
        Map<String, JsonNode> measured = new HashMap<>();
        for (JsonNode slot : compliance.path("slots")) {
            measured.put(slot.path("device").asText() + " " + slot.path("item").asText() + " "
                    + Instant.parse(slot.path("scheduled_start").asText()).toEpochMilli(), slot);
        }
        Map<String, String> expectedMisses = new TreeMap<>();
        Map<String, String> measuredMisses = new TreeMap<>();
        Map<String, String> misses = new HashMap<>();
        int compared = 0;
        double worstPlayed = 0;
        for (TruthRecord record : run.truth()) {
            if (!(record instanceof TruthRecord.Slot truth) || truth.cut() || truth.scheduledFrom() < run.start()
                    || truth.scheduledTo() > run.end()) {
                continue;
            }
            String key = truth.device() + " " + truth.item() + " " + truth.scheduledFrom();
            JsonNode slot = measured.remove(key);
            assertThat(slot).as("the service's figures of %s", key).isNotNull();
            assertThat(slot.path("expected_s").asDouble() / 60).as("minutes scheduled of %s", key)
                    .isCloseTo(truth.expectedMs() / 60_000.0, Offset.offset(MINUTES_TOLERANCE));
            assertThat(slot.path("played_s").asDouble() / 60).as("minutes played of %s", key)
                    .isCloseTo(truth.playedMs() / 60_000.0, Offset.offset(MINUTES_TOLERANCE));
            worstPlayed = Math.max(worstPlayed, Math.abs(slot.path("played_s").asDouble() * 1000 - truth.playedMs()));
            if (truth.missed()) {
                expectedMisses.put(key, truth.cause());
            }
            if (slot.path("missed").asBoolean()) {
                measuredMisses.put(key, slot.path("cause").asText());
            }
            misses.put(key, "(truth: played " + truth.playedMs() / 1000 + " s of " + truth.expectedMs() / 1000
                    + ", shortfall " + truth.shortfallMs() + "; service: played " + slot.path("played_s") + ", "
                    + slot.path("shortfall_s") + ", " + slot.path("detail") + ")");
            compared++;
        }
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expectedMisses.keySet());
        keys.addAll(measuredMisses.keySet());
        for (String key : keys) {
            if (!Objects.equals(expectedMisses.get(key), measuredMisses.get(key))) {
                differences.add(key + ": truth " + expectedMisses.get(key) + ", service " + measuredMisses.get(key)
                        + " " + misses.get(key));
            }
        }
        if (!differences.isEmpty()) {
            debug(service, influx, run, differences.get(0).substring(0, differences.get(0).indexOf(' ')));
        }
        assertThat(differences).as("misses and their causes that differ from the truth (of %s)",
                expectedMisses.size()).isEmpty();
        assertThat(compared).as("slot occurrences compared").isGreaterThan(1000);
        assertThat(expectedMisses.values()).as("causes seen in a harsh week").contains("offline", "no_power",
                "amplifier_fault", "other_program");
        LOG.info("broadcasts: {} slot occurrences at loudspeakers compared, {} missed, largest difference in played "
                + "time {} ms; compliance {}", compared, expectedMisses.size(), worstPlayed,
                compliance.at("/summary/compliance").asDouble());
        compareReports(service, run);
    }

    /**
     * The month's reports of the district (the month the week ends in, to now): the spreadsheet opens in Excel with
     * Vietnamese names (UTF-8 with BOM, semicolons, decimal comma) and agrees with the compliance API of the month to
     * now (after the simulated week: an hour of slots nobody played); the JSON
     * export's minutes per loudspeaker and day are the truth's.
     */
    private static void compareReports(ServiceHarness service, Run run) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(run.end()).atZone(ZoneId.of("Asia/Ho_Chi_Minh")));
        long monthStart = month.atDay(1).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toEpochMilli();
        HttpResponse<String> csv = service.get("/api/v1/reports/broadcasts.csv?place=" + DISTRICT + "&month="
                + month);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFCấp;Mã;Tên;Thuộc;");
        Inventory inventory = ServiceHarness.sampleInventory();
        assertThat(lines).hasSize(1 + 1 + inventory.children(DISTRICT).size() + inventory.leavesUnder(DISTRICT)
                .size());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("commune;gia-phu;Gia Phú;Bảo Thắng;"));
        String[] district = lines[1].split(";");
        JsonNode summary = StateUptimeIT.json(service.get("/api/v1/broadcasts/compliance?place=" + DISTRICT
                + "&from=" + Instant.ofEpochMilli(monthStart)))
                .path("summary");
        assertThat(Integer.parseInt(district[5])).isEqualTo(summary.path("slots").asInt());
        assertThat(Integer.parseInt(district[7])).isEqualTo(summary.path("missed").asInt());
        assertThat(district[8]).matches("\\d{1,3},\\d{2}");

        JsonNode export = StateUptimeIT.json(service.get("/api/v1/reports/broadcasts.json?place=" + DISTRICT
                + "&month=" + month));
        assertThat(export.path("schema").asText()).isEqualTo("commune-telemetry/broadcast-report");
        assertThat(export.path("version").asInt()).isEqualTo(1);
        Map<String, Double> minutes = new HashMap<>();
        export.path("daily").forEach(day -> minutes.merge(day.path("device").asText(),
                day.path("minutes").asDouble(), Double::sum));
        Map<String, Long> truthPlayed = new HashMap<>();
        Set<String> cut = new HashSet<>();
        for (TruthRecord record : run.truth()) {
            if (record instanceof TruthRecord.Playing playing && playing.to() > monthStart) {
                truthPlayed.merge(playing.device(), playing.to() - Math.max(monthStart, playing.from()), Long::sum);
                if (playing.to() >= run.end()) {
                    // playing when the simulation stopped: the truth ends there; the device never said it stopped,
                    // so the service counts the play to its slot's end
                    cut.add(playing.device());
                }
            }
        }
        cut.forEach(truthPlayed::remove);
        truthPlayed.forEach((device, ms) -> assertThat(minutes.getOrDefault(device, 0.0))
                .as("minutes played by %s this month", device).isCloseTo(ms / 60_000.0, Offset.offset(1.0)));
        assertThat(export.path("clusters")).hasSize(inventory.leavesUnder(DISTRICT).size());
    }

    /** Each device's online time in the truth. */
    private static Map<String, IntervalSet> truthOnline(Run run) {
        Map<String, List<long[]>> intervals = new HashMap<>();
        for (TruthRecord record : run.truth()) {
            if (record instanceof TruthRecord.State state) {
                List<long[]> list = intervals.computeIfAbsent(state.device(), k -> new ArrayList<>());
                if (state.online()) {
                    list.add(new long[] {state.from(), state.to()});
                }
            } else if (record instanceof TruthRecord.DeviceInfo info) {
                intervals.computeIfAbsent(info.device(), k -> new ArrayList<>());
            }
        }
        Map<String, IntervalSet> online = new HashMap<>();
        intervals.forEach((id, list) -> online.put(id, IntervalSet.union(list).clip(run.start(), run.end())));
        return online;
    }

    /** Time-weighted share of the commune's villages with a device of the kind online, from the truth. */
    private static double expectedCoverage(Inventory inventory, Place commune, DeviceKind kind,
            Map<String, IntervalSet> online, Run run) {
        long covered = 0;
        List<Place> villages = inventory.leavesUnder(commune.id());
        for (Place village : villages) {
            IntervalSet union = IntervalSet.EMPTY;
            for (Device device : inventory.devicesAt(village.id())) {
                if (device.kind() == kind) {
                    union = union.or(online.get(device.id()));
                }
            }
            covered += union.measure();
        }
        return 100.0 * covered / ((double) villages.size() * (run.end() - run.start()));
    }
}

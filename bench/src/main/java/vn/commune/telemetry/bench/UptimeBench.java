package vn.commune.telemetry.bench;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.service.coverage.CoverageCalculator;
import vn.commune.telemetry.service.coverage.CoverageReport;
import vn.commune.telemetry.service.coverage.CoverageSettings;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.state.Transition;
import vn.commune.telemetry.service.uptime.Present;
import vn.commune.telemetry.service.uptime.Timelines;
import vn.commune.telemetry.service.uptime.UptimeFigures;
import vn.commune.telemetry.service.uptime.UptimeService;

/**
 * Uptime and coverage benchmark: the service's own computation ({@link UptimeService#compute},
 * {@link CoverageCalculator#report}) over a generated fleet of N devices (default 10,000) with D days (default 30) of
 * transitions in memory, as the service holds them: outages of random length every few hours per device, the service
 * itself down twice, a maintenance window on a commune and on single devices. Times (1) the uptime of every device
 * of the fleet over the whole period, summed per place, (2) the coverage of the first province by loudspeakers and
 * by Wi-Fi. Each is run several times after a warm-up and the median and best wall times are printed.
 *
 * <p>{@code java -cp bench/target/bench.jar vn.commune.telemetry.bench.UptimeBench [--devices 10000] [--days 30]
 * [--outages-per-day 4] [--repeat 7]}
 */
public final class UptimeBench {

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private UptimeBench() {
    }

    public static void main(String[] args) {
        int devices = 10_000;
        int days = 30;
        double outagesPerDay = 2;
        int repeat = 7;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(required(args[i], value));
                case "--days" -> days = Integer.parseInt(required(args[i], value));
                case "--outages-per-day" -> outagesPerDay = Double.parseDouble(required(args[i], value));
                case "--repeat" -> repeat = Integer.parseInt(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --devices --days --outages-per-day --repeat)");
            }
            i++;
        }
        run(devices, days, outagesPerDay, repeat);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void run(int targetDevices, int days, double outagesPerDay, int repeat) {
        long setupStart = System.nanoTime();
        Inventory inventory = FleetGenerator.country(42, targetDevices);
        long to = 1_790_000_000_000L;
        long from = to - days * DAY;
        SplittableRandom random = new SplittableRandom(7);
        StateHistory history = new StateHistory(1_000_000);
        long transitions = 0;
        for (Device device : inventory.devices()) {
            List<Transition> list = transitionsOf(random, from, to, outagesPerDay);
            transitions += list.size();
            history.replaceAfter(device.id(), Long.MIN_VALUE, list);
        }
        history.loadedFrom(from - DAY);
        // the service ran all the time but for two stops: 40 minutes on day 3, 5 hours on day 17
        List<ServiceRuns.Run> runs = List.of(
                new ServiceRuns.Run("bench-a", from - DAY, from + 3 * DAY),
                new ServiceRuns.Run("bench-b", from + 3 * DAY + 40 * 60_000L, from + 17 * DAY),
                new ServiceRuns.Run("bench-c", from + 17 * DAY + 5 * HOUR, to + DAY));
        MaintenanceStore maintenance = maintenance(inventory, from);
        Place province = inventory.placesAtLevel(inventory.levels().get(0)).get(0);
        System.out.printf(Locale.ROOT, "Commune Telemetry uptime and coverage benchmark: %,d devices, %,d places, "
                + "%d days, %,d transitions in memory (set up in %.1f s)%n", inventory.devices().size(),
                inventory.places().size(), days, transitions, (System.nanoTime() - setupStart) / 1e9);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);

        Function<Device, Present> present = device -> new Present(device.id(),
                history.of(device.id()).causeAt(to), to);
        Map<String, Double> medians = new HashMap<>();
        for (Place village : inventory.leavesUnder(province.id())) {
            medians.put(village.id(), -70.0 - random.nextInt(60));
        }
        CoverageSettings settings = CoverageSettings.defaults();
        long[] uptimeNanos = new long[repeat];
        long[] coverageNanos = new long[repeat];
        String uptimeCheck = "";
        String coverageCheck = "";
        for (int r = -2; r < repeat; r++) {
            long t0 = System.nanoTime();
            Timelines timelines = new Timelines(inventory, history, runs, maintenance, from, to);
            // every device of the fleet: each top-level place (province) with its children and worst devices
            int counted = 0;
            UptimeFigures all = UptimeFigures.ZERO;
            for (Place top : inventory.roots()) {
                UptimeService.PlaceUptime uptime = UptimeService.compute(inventory, timelines, top, null, 20);
                counted += uptime.devices();
                all = all.plus(uptime.figures());
            }
            long t1 = System.nanoTime();
            Timelines provinceTimelines = new Timelines(inventory, history, runs, maintenance, from, to);
            CoverageReport speakers = CoverageCalculator.report(inventory, province, DeviceKind.LOUDSPEAKER,
                    provinceTimelines, present, medians, settings);
            CoverageReport wifi = CoverageCalculator.report(inventory, province, DeviceKind.WIFI,
                    provinceTimelines, present, medians, settings);
            long t2 = System.nanoTime();
            if (r >= 0) {
                uptimeNanos[r] = t1 - t0;
                coverageNanos[r] = t2 - t1;
            }
            uptimeCheck = String.format(Locale.ROOT, "%,d devices in %d provinces, uptime %.3f %%, %,d outages",
                    counted, inventory.roots().size(), all.uptimePercent(), all.outages());
            coverageCheck = String.format(Locale.ROOT, "%,d villages, loudspeakers cover %s, Wi-Fi %s",
                    speakers.villages().size(), describe(speakers), describe(wifi));
        }
        System.out.printf(Locale.ROOT, "uptime of every device over %d days (%s):%n    median %,d ms, best %,d ms "
                + "over %d runs%n", days, uptimeCheck, median(uptimeNanos) / 1_000_000,
                best(uptimeNanos) / 1_000_000, repeat);
        System.out.printf(Locale.ROOT, "coverage of province %s over %d days, loudspeakers and Wi-Fi (%s):%n    median "
                + "%,d ms, best %,d ms over %d runs%n", province.name(), days, coverageCheck,
                median(coverageNanos) / 1_000_000, best(coverageNanos) / 1_000_000, repeat);
        System.out.println("aim: under 1,000 ms each");
    }

    private static String describe(CoverageReport report) {
        return String.format(Locale.ROOT, "%.2f %% of village-time, %d of %d working now", report.periodPercent(),
                report.workingNow(), report.installed());
    }

    /** Online from before the period; every few hours an outage of 1 minute to 6 hours, some by timeout, some Will. */
    private static List<Transition> transitionsOf(SplittableRandom random, long from, long to, double perDay) {
        List<Transition> list = new ArrayList<>();
        long t = from - HOUR;
        list.add(new Transition(t, Cause.STATUS));
        double meanGap = DAY / perDay;
        while (true) {
            t += (long) (-Math.log(1 - random.nextDouble()) * meanGap);
            if (t >= to) {
                break;
            }
            list.add(new Transition(t, random.nextInt(4) == 0 ? Cause.WILL : Cause.TIMEOUT));
            t += 60_000L + random.nextLong(6 * HOUR);
            if (t >= to) {
                break;
            }
            list.add(new Transition(t, Cause.STATUS));
        }
        return list;
    }

    private static MaintenanceStore maintenance(Inventory inventory, long from) {
        MaintenanceStore store = new MaintenanceStore(null, lines -> Future.succeededFuture(), 10_000);
        String communeLevel = inventory.levels().get(Math.min(2, inventory.levels().size() - 1));
        Place commune = inventory.placesAtLevel(communeLevel).get(0);
        store.declare(commune.id(), MaintenanceWindow.PLACE, from + 5 * DAY, from + 5 * DAY + 8 * HOUR,
                "bench: commune works", "bench", from);
        int n = 0;
        for (Device device : inventory.devices()) {
            if (n++ % 97 == 0) {
                store.declare(device.id(), MaintenanceWindow.DEVICE, from + 10 * DAY, from + 10 * DAY + 2 * HOUR,
                        "bench: device swap", "bench", from);
            }
        }
        return store;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long best(long[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }
}

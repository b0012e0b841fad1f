package vn.commune.telemetry.service.coverage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * Coverage of a place's villages by one kind of device, as officials report it ("78/78 hamlets have
 * loudspeakers"): installed, working now, and over the period, each plain and weighted by population.
 *
 * @param place    the place
 * @param kind     the kind
 * @param from     start of the period
 * @param to       end of the period (exclusive)
 * @param villages every village under the place, in inventory order
 * @param outsideVillages devices of the kind under the place that stand above village level (at a commune's office,
 *                 say): installed, but counted toward no village
 */
public record CoverageReport(Place place, DeviceKind kind, long from, long to, List<VillageCoverage> villages,
        int outsideVillages) {

    /** Villages with at least one device installed. */
    public long installed() {
        return villages.stream().filter(VillageCoverage::installed).count();
    }

    /** Their population. */
    public long installedPopulation() {
        return villages.stream().filter(VillageCoverage::installed).mapToLong(VillageCoverage::population).sum();
    }

    /** Villages with a device working now. */
    public long workingNow() {
        return villages.stream().filter(VillageCoverage::workingNow).count();
    }

    /** Their population. */
    public long workingNowPopulation() {
        return villages.stream().filter(VillageCoverage::workingNow).mapToLong(VillageCoverage::population).sum();
    }

    /** Everyone in the villages. */
    public long population() {
        return villages.stream().mapToLong(VillageCoverage::population).sum();
    }

    /** Time-weighted share of villages covered over the period, percent; null when nothing is known. */
    public Double periodPercent() {
        long covered = 0;
        long known = 0;
        for (VillageCoverage village : villages) {
            covered += village.coveredMs();
            known += village.knownMs();
        }
        return known == 0 ? null : 100.0 * covered / known;
    }

    /** The same weighted by population, percent; null when nothing is known. */
    public Double periodPopulationPercent() {
        double covered = 0;
        double known = 0;
        for (VillageCoverage village : villages) {
            covered += (double) village.coveredMs() * village.population();
            known += (double) village.knownMs() * village.population();
        }
        return known == 0 ? null : 100.0 * covered / known;
    }

    /** Villages and people per signal class. */
    public Map<SignalClass, long[]> signalCounts() {
        Map<SignalClass, long[]> counts = new EnumMap<>(SignalClass.class);
        for (SignalClass signal : SignalClass.values()) {
            counts.put(signal, new long[2]);
        }
        for (VillageCoverage village : villages) {
            long[] count = counts.get(village.signal());
            count[0]++;
            count[1] += village.population();
        }
        return counts;
    }
}

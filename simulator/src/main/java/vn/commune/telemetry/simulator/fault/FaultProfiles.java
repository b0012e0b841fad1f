package vn.commune.telemetry.simulator.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.protocol.DeviceKind;

/** The named fault profiles. */
final class FaultProfiles {

    private static final double HARSH_FACTOR = 5;

    private FaultProfiles() {
    }

    static FaultPlan named(String name) {
        return switch (name) {
            case "none" -> FaultPlan.none();
            case "demo" -> new FaultPlan("demo", opening(), rates(1), 0.001);
            case "harsh" -> new FaultPlan("harsh", opening(), rates(HARSH_FACTOR), 0.01);
            default -> throw new IllegalArgumentException("unknown fault profile '" + name
                    + "' (none, demo or harsh)");
        };
    }

    /** One fault of each kind in the first quarter hour, so that a demo shows them while someone watches. */
    private static List<FaultSpec> opening() {
        List<FaultSpec> faults = new ArrayList<>();
        faults.add(at(1, FaultType.LINK_FLAP, FaultTarget.randomDevice(DeviceKind.WIFI), "PT30M"));
        faults.add(at(2, FaultType.POWER_CUT, FaultTarget.randomVillage(), "PT3H"));
        faults.add(at(3, FaultType.AMP_FAILURE, FaultTarget.randomDevice(DeviceKind.LOUDSPEAKER), "PT6H"));
        faults.add(at(4, FaultType.CLOCK_SKEW, FaultTarget.randomDevice(DeviceKind.CAMERA), "PT1H"));
        faults.add(at(5, FaultType.DUPLICATE, FaultTarget.randomDevice(null), "PT1H"));
        faults.add(at(6, FaultType.HORN_FAILURE, FaultTarget.randomDevice(DeviceKind.LOUDSPEAKER), "P1D")
                .with(new FaultParams(null, 2, null, null, null)));
        faults.add(at(8, FaultType.COMMUNE_OUTAGE, FaultTarget.randomCommune(), "PT15M"));
        faults.add(at(10, FaultType.DEAD, FaultTarget.randomDevice(null), "PT3H"));
        faults.add(at(12, FaultType.TAMPER, FaultTarget.randomDevice(DeviceKind.CAMERA), "PT5M"));
        faults.add(at(14, FaultType.RECORDING_FAILURE, FaultTarget.randomDevice(DeviceKind.CAMERA), "PT1H"));
        faults.add(at(15, FaultType.OTHER_PROGRAM, FaultTarget.randomDevice(DeviceKind.LOUDSPEAKER), "PT12H"));
        return faults;
    }

    private static FaultSpec at(int minutes, FaultType type, FaultTarget target, String duration) {
        return FaultSpec.after(Duration.ofMinutes(minutes), type, target, Duration.parse(duration));
    }

    /** Rates per target and day that look like a rural district with poor power and links. */
    private static List<FaultRate> rates(double factor) {
        List<FaultRate> rates = new ArrayList<>();
        rates.add(rate(FaultType.POWER_CUT, 0.15, "PT20M", "PT3H", null));
        rates.add(rate(FaultType.LINK_FLAP, 0.03, "PT10M", "PT1H", null));
        rates.add(rate(FaultType.DEAD, 0.003, "PT1H", "PT6H", null));
        rates.add(rate(FaultType.COMMUNE_OUTAGE, 0.03, "PT10M", "PT2H", null));
        rates.add(rate(FaultType.UPLINK_CUT, 0.02, "PT10M", "PT3H", null));
        rates.add(rate(FaultType.AMP_FAILURE, 0.005, "PT2H", "P2D", null));
        rates.add(rate(FaultType.HORN_FAILURE, 0.01, "PT12H", "P7D", null));
        rates.add(rate(FaultType.OTHER_PROGRAM, 0.005, "PT1H", "P1D", null));
        rates.add(rate(FaultType.TAMPER, 0.02, "PT1M", "PT10M", null));
        rates.add(rate(FaultType.RECORDING_FAILURE, 0.01, "PT30M", "PT6H", null));
        rates.add(rate(FaultType.CLOCK_SKEW, 0.002, "PT1H", "P1D",
                new FaultParams(Duration.ofMinutes(20), null, null, null, null)));
        rates.add(rate(FaultType.DUPLICATE, 0.005, "PT10M", "PT2H", null));
        rates.replaceAll(rate -> rate.times(factor));
        return rates;
    }

    private static FaultRate rate(FaultType type, double perDay, String min, String max, FaultParams params) {
        return new FaultRate(type, perDay, DurationRange.of(min, max), params);
    }
}

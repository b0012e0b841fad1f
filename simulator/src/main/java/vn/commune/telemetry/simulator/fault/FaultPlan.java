package vn.commune.telemetry.simulator.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which faults a run injects: faults at given times, faults at random rates, and the rate of malformed messages.
 * The same plan and seed inject the same faults on the same inventory.
 *
 * @param name          a short description for the truth file's header ({@code none}, {@code demo}, a file name)
 * @param faults        faults at given times
 * @param rates         faults at random, at most one rate per type
 * @param malformedRate probability, 0 to 1, that a status is followed by a malformed or hostile message
 */
public record FaultPlan(String name, List<FaultSpec> faults, List<FaultRate> rates, double malformedRate) {

    /** Checks the values and copies the lists. */
    public FaultPlan {
        Objects.requireNonNull(name, "name");
        faults = List.copyOf(faults);
        rates = List.copyOf(rates);
        if (!(malformedRate >= 0 && malformedRate <= 1)) {
            throw new IllegalArgumentException("malformed rate must be between 0 and 1, got " + malformedRate);
        }
        for (int i = 0; i < rates.size(); i++) {
            for (int j = i + 1; j < rates.size(); j++) {
                if (rates.get(i).type() == rates.get(j).type()) {
                    throw new IllegalArgumentException("two rates for " + rates.get(i).type().wireName());
                }
            }
        }
    }

    /** No faults at all. */
    public static FaultPlan none() {
        return new FaultPlan("none", List.of(), List.of(), 0);
    }

    /**
     * A named profile: {@code none}, {@code demo} (a few faults in the first quarter hour, then realistic rates) or
     * {@code harsh} (the same opening, five times the rates, 1% malformed messages).
     *
     * @throws IllegalArgumentException for another name
     */
    public static FaultPlan profile(String name) {
        return FaultProfiles.named(name);
    }

    /**
     * Reads a fault file (YAML or JSON, format in the module README).
     *
     * @throws IOException when it cannot be read or is not valid, with the line and field
     */
    public static FaultPlan read(Path file) throws IOException {
        return FaultFileReader.read(file);
    }

    /** This plan with one more fault. */
    public FaultPlan with(FaultSpec fault) {
        List<FaultSpec> more = new ArrayList<>(faults);
        more.add(fault);
        return new FaultPlan(name, more, rates, malformedRate);
    }

    /** This plan with another malformed-message rate. */
    public FaultPlan withMalformedRate(double rate) {
        return new FaultPlan(name, faults, rates, rate);
    }

    /** This plan with another name. */
    public FaultPlan named(String newName) {
        return new FaultPlan(newName, faults, rates, malformedRate);
    }
}

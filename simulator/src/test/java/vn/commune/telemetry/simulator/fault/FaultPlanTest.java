package vn.commune.telemetry.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.protocol.DeviceKind;

/** Verifies fault profiles and the fault-file format. */
class FaultPlanTest {

    @TempDir
    Path dir;

    /** Verifies the named profiles. */
    @Test
    void profiles() {
        assertThat(FaultPlan.profile("none")).isEqualTo(FaultPlan.none());
        FaultPlan demo = FaultPlan.profile("demo");
        FaultPlan harsh = FaultPlan.profile("harsh");
        assertThat(demo.faults()).extracting(FaultSpec::type).contains(FaultType.POWER_CUT, FaultType.LINK_FLAP,
                FaultType.DEAD, FaultType.COMMUNE_OUTAGE, FaultType.CLOCK_SKEW, FaultType.DUPLICATE);
        assertThat(demo.faults()).allSatisfy(f -> assertThat(f.offset()).isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(harsh.rates().get(0).perDay()).isEqualTo(demo.rates().get(0).perDay() * 5);
        assertThat(harsh.malformedRate()).isEqualTo(0.01);
        assertThatThrownBy(() -> FaultPlan.profile("wild")).hasMessageContaining("none, demo or harsh");
    }

    /** Verifies the documented example fault file. */
    @Test
    void readsTheDocumentedFile() throws IOException {
        Path file = write("""
                # faults.yaml
                profile: demo
                malformed_rate: 0.02
                rates:
                  - type: link_flap
                    per_day: 0.1
                    duration: [PT10M, PT1H]
                    down: [PT30S, PT2M]
                  - type: clock_skew
                    per_day: 0.01
                    duration: PT2H
                    skew: PT15M
                faults:
                  - {type: power_cut, place: gia-phu-thon-hai-khe, at: PT10M, duration: PT3H}
                  - {type: commune_outage, commune: gia-phu, at: "2026-11-25T03:00:00Z", duration: PT30M}
                  - {type: dead, random: loudspeaker, at: PT1H, duration: PT4H}
                  - {type: clock_skew, device: cam-gia-phu-01, at: PT0S, duration: PT1H, skew: -PT2H}
                  - {type: horn_failure, device: ls-gia-phu-thon-hai-khe, at: PT5M, duration: P1D, horns: 2}
                  - {type: malformed, device: wifi-gia-phu-thon-hai-khe, at: PT5M, duration: PT1H, rate: 0.5}
                  - {type: link_flap, device: wifi-gia-phu-thon-dong-luc, at: PT1M, duration: PT1H,
                     down: [PT1M, PT2M], up: [PT5M, PT5M]}
                """);

        FaultPlan plan = FaultPlan.read(file);

        assertThat(plan.name()).isEqualTo("demo+faults.yaml");
        assertThat(plan.malformedRate()).isEqualTo(0.02);
        assertThat(plan.faults()).hasSize(FaultPlan.profile("demo").faults().size() + 7);
        FaultRate flap = plan.rates().stream().filter(r -> r.type() == FaultType.LINK_FLAP).findFirst().orElseThrow();
        assertThat(flap.perDay()).isEqualTo(0.1);
        assertThat(flap.params().down()).isEqualTo(DurationRange.of("PT30S", "PT2M"));
        FaultSpec outage = plan.faults().stream().filter(f -> f.type() == FaultType.COMMUNE_OUTAGE
                && f.at() != null).findFirst().orElseThrow();
        assertThat(outage.at()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(outage.target()).isEqualTo(FaultTarget.commune("gia-phu"));
        FaultSpec dead = plan.faults().stream().filter(f -> f.type() == FaultType.DEAD
                && f.offset().equals(Duration.ofHours(1))).findFirst().orElseThrow();
        assertThat(dead.target()).isEqualTo(FaultTarget.randomDevice(DeviceKind.LOUDSPEAKER));
        assertThat(plan.faults()).anySatisfy(f -> assertThat(f.params().skewOrDefault())
                .isEqualTo(Duration.ofHours(-2)));
        assertThat(plan.faults()).anySatisfy(f -> assertThat(f.params().hornsOrDefault()).isEqualTo(2));
    }

    /** Verifies that mistakes name the field. */
    @Test
    void mistakesNameTheField() throws IOException {
        assertProblem("faults: [{type: blackout, device: x, at: PT1M, duration: PT1H}]", "faults[0].type");
        assertProblem("faults: [{type: dead, at: PT1M, duration: PT1H}]", "faults[0]: give exactly one of");
        assertProblem("faults: [{type: dead, device: x, at: soon, duration: PT1H}]", "faults[0].at");
        assertProblem("faults: [{type: dead, device: x, at: PT1M, duration: 1h}]", "faults[0].duration");
        assertProblem("faults: [{type: dead, device: x, at: PT1M, duration: PT1H, colour: red}]",
                "faults[0].colour: unknown field");
        assertProblem("rates: [{type: dead, per_day: -1, duration: PT1H}]", "per_day must be 0 or more");
        assertProblem("malformed_rate: 2", "malformed rate must be between 0 and 1");
        assertProblem("profile: wild", "unknown fault profile");
        assertProblem("- just a list", "must be a mapping");
    }

    private void assertProblem(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> FaultPlan.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(expected);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("faults.yaml"), yaml);
    }
}

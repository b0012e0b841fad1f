package vn.commune.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;

/** Verifies the command line: help, bad options, inventory export. */
class SimulatorCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimulatorCli cli = new SimulatorCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /** Verifies that --help lists every option and exits 0. */
    @Test
    void help() {
        assertThat(cli.run("--help")).isEqualTo(SimulatorCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--broker", "--username", "--password",
                "--inventory", "--generate", "--devices", "--write-inventory", "--duration", "--speed", "--start",
                "--seed", "--profile", "--faults", "--malformed-rate", "--truth", "--interval", "--connections",
                "--max-in-flight", "--report-every", "--load", "--rate");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** Verifies that a bad option or combination gives one line on stderr and status 2. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus                                                   | Unknown option",
        "--generate district --speed fast                          | 'fast' is not a positive number or max",
        "--generate district --duration 2h                         | not an ISO-8601 duration",
        "--generate district --connections pooled:x                | pool size must be a number",
        "--generate galaxy                                         | unknown fleet 'galaxy'",
        "--speed 2                                                 | give --inventory FILE or --generate",
        "--generate district --speed 60                            | an accelerated run needs a duration",
        "--generate district --profile demo --faults f.yaml        | not both",
        "--generate district --profile wild                        | unknown fault profile",
        "--generate district --malformed-rate 3                    | between 0 and 1",
        "--generate district --interval radio=PT1M                 | not loudspeaker, wifi, camera or gateway",
        "--generate district --rate 5                              | --rate goes with --load",
        "--generate district --devices 5                           | --devices goes with --generate country",
        "--inventory /does/not/exist.yaml                          | /does/not/exist.yaml",
        "--generate district --broker http://x                     | must start with tcp://",
    })
    void badOptions(String args, String message) {
        int status = cli.run(args.trim().split("\\s+"));

        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(SimulatorCli.USAGE);
        assertThat(error).startsWith("simulator: ").contains(message);
        assertThat(error.strip().lines()).hasSize(1);
    }

    /** Verifies that --write-inventory writes a fleet the inventory reader accepts, and exits 0. */
    @Test
    void writesTheGeneratedFleet() throws Exception {
        Path file = dir.resolve("district.yaml");

        assertThat(cli.run("--generate", "district", "--seed", "4", "--write-inventory", file.toString()))
                .isEqualTo(SimulatorCli.OK);

        Inventory written = InventoryReader.read(file);
        assertThat(written.devices()).hasSizeGreaterThan(400);
        assertThat(written.placesAtLevel("commune")).hasSize(14);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("14 commune", "-> " + file);
    }

    /** Verifies that a fault naming a device the inventory lacks is refused with status 2, before connecting. */
    @Test
    void faultsThatDoNotFitAreRefused() throws Exception {
        Path faults = Files.writeString(dir.resolve("faults.yaml"),
                "faults:\n  - {type: amp_failure, device: cam-gia-phu-01, at: PT1M, duration: PT1H}\n");

        int status = cli.run("--broker", "tcp://127.0.0.1:1", "--inventory", resource(), "--faults",
                faults.toString(), "--duration", "PT1M");

        assertThat(status).isEqualTo(SimulatorCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("simulator: fault 1 (amp_failure): amp_failure does not apply to camera cam-gia-phu-01"
                        + System.lineSeparator());
    }

    /** Verifies that a broker nobody listens on ends the run with status 1 and one line. */
    @Test
    void unreachableBrokerFails() {
        int status = cli.run("--broker", "tcp://127.0.0.1:1", "--inventory", resource(), "--duration", "PT1M",
                "--report-every", "PT1H");

        assertThat(status).isEqualTo(SimulatorCli.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("simulator: ");
    }

    private static String resource() {
        try {
            return Path.of(SimulatorCliTest.class.getResource("/small-fleet.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

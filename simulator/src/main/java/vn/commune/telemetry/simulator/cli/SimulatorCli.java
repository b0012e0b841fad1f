package vn.commune.telemetry.simulator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.SampleInventory;
import vn.commune.telemetry.simulator.Simulation;
import vn.commune.telemetry.simulator.SimulationConfig;
import vn.commune.telemetry.simulator.SimulationReport;
import vn.commune.telemetry.simulator.fault.FaultPlan;
import vn.commune.telemetry.simulator.fleet.FleetSource;
import vn.commune.telemetry.simulator.load.LoadConfig;
import vn.commune.telemetry.simulator.load.LoadReport;
import vn.commune.telemetry.simulator.load.LoadRun;
import vn.commune.telemetry.simulator.truth.DeviceTruth;

/**
 * The command line: parses the options, checks how they combine, and runs the simulation, the load mode or the
 * inventory export. A bad option or input ends with one line on stderr and status 2; a failed run with status 1.
 */
public final class SimulatorCli {

    /** Exit status of a completed run. */
    public static final int OK = 0;
    /** Exit status of a run that failed (broker unreachable, ...). */
    public static final int FAILED = 1;
    /** Exit status of a bad option or input. */
    public static final int USAGE = 2;

    private static final long STOP_WAIT_SECONDS = 60;

    private final PrintStream out;
    private final PrintStream err;

    /** A command line writing to these streams. */
    public SimulatorCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs with these arguments; returns the exit status. */
    public int run(String... args) {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine line = new CommandLine(command);
        try {
            line.parseArgs(args);
        } catch (ParameterException e) {
            err.println("simulator: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        if (line.isUsageHelpRequested()) {
            line.usage(out);
            return OK;
        }
        if (line.isVersionHelpRequested()) {
            line.printVersionHelp(out);
            return OK;
        }
        try {
            return execute(command);
        } catch (IllegalArgumentException | IOException e) {
            err.println("simulator: " + e.getMessage());
            return USAGE;
        }
    }

    private int execute(SimulatorCommand command) throws IOException {
        checkCombinations(command);
        Inventory inventory = fleet(command);
        if (command.writeInventory != null) {
            String shape = command.generate != null ? command.generate : "inventory";
            FleetSource.write(inventory, command.writeInventory, SampleInventory.header(shape, command.seed));
            out.println(SampleInventory.summary(inventory) + " -> " + command.writeInventory);
            return OK;
        }
        return command.load ? load(command, inventory) : simulate(command, inventory);
    }

    private static void checkCombinations(SimulatorCommand command) {
        if (command.inventory != null && command.generate != null) {
            throw new IllegalArgumentException("give --inventory or --generate, not both");
        }
        if (command.inventory == null && command.generate == null && !command.load) {
            throw new IllegalArgumentException("give --inventory FILE or --generate district|province|country");
        }
        if (command.profile != null && command.faults != null) {
            throw new IllegalArgumentException("give --profile or --faults, not both (a fault file may name a "
                    + "profile: profile: demo)");
        }
        if (command.devices != null && command.devices < 1) {
            throw new IllegalArgumentException("--devices must be at least 1, got " + command.devices);
        }
        if (command.devices != null && !command.load && !"country".equals(command.generate)) {
            throw new IllegalArgumentException("--devices goes with --generate country or --load");
        }
        if (command.rate != null && !command.load) {
            throw new IllegalArgumentException("--rate goes with --load");
        }
        if (command.malformedRate != null && !(command.malformedRate >= 0 && command.malformedRate <= 1)) {
            throw new IllegalArgumentException("--malformed-rate must be between 0 and 1, got "
                    + command.malformedRate);
        }
        if (command.load && (command.truth != null || command.profile != null || command.faults != null)) {
            throw new IllegalArgumentException("--load sends plain statuses: --truth, --profile and --faults do not "
                    + "apply");
        }
    }

    private static Inventory fleet(SimulatorCommand command) throws IOException {
        if (command.inventory != null) {
            return FleetSource.read(command.inventory);
        }
        if (command.generate == null) {
            return FleetSource.generate(FleetSource.Shape.COUNTRY, command.seed, command.devices);
        }
        return FleetSource.generate(FleetSource.Shape.parse(command.generate), command.seed, command.devices);
    }

    private int simulate(SimulatorCommand command, Inventory inventory) throws IOException {
        FaultPlan plan = command.faults != null ? FaultPlan.read(command.faults)
                : FaultPlan.profile(command.profile != null ? command.profile : "none");
        if (command.malformedRate != null) {
            plan = plan.withMalformedRate(command.malformedRate);
        }
        SimulationConfig.Builder builder = SimulationConfig.builder(command.broker, inventory).caFile(command.caFile)
                .credentials(command.username, command.password)
                .duration(command.duration)
                .speed(command.speed)
                .seed(command.seed)
                .faults(plan)
                .truthFile(command.truth)
                .start(command.start)
                .connections(command.connections)
                .maxInFlight(command.maxInFlight)
                .reportEvery(command.reportEvery);
        command.intervalsByKind().forEach(builder::interval);
        SimulationConfig config = builder.build();
        Simulation simulation = Simulation.start(config);
        Thread hook = new Thread(() -> {
            simulation.stop();
            waitQuietly(simulation);
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SimulationReport report = simulation.completion().get();
            out.println(summary(report));
            return OK;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("simulator: " + message(cause));
            return cause instanceof IllegalArgumentException ? USAGE : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            removeHook(hook);
        }
    }

    private int load(SimulatorCommand command, Inventory inventory) {
        int devices = command.devices != null ? command.devices : inventory.devices().size();
        double rate = command.rate != null ? command.rate : devices / 60.0;
        LoadRun run = new LoadRun(new LoadConfig(command.broker, command.username, command.password, inventory,
                devices, rate, command.duration, command.connections, command.seed, command.maxInFlight,
                command.reportEvery, command.caFile));
        Thread hook = new Thread(run::stop, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LoadReport report = run.run();
            out.println(report.summary());
            return OK;
        } catch (ExecutionException e) {
            err.println("simulator: " + message(e.getCause() != null ? e.getCause() : e));
            return FAILED;
        } catch (TimeoutException e) {
            err.println("simulator: connecting to " + command.broker + " took too long");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            removeHook(hook);
        }
    }

    private static void waitQuietly(Simulation simulation) {
        try {
            simulation.completion().handle((report, failure) -> null).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            return;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return;
        }
    }

    private static String message(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** One paragraph about a finished run. */
    static String summary(SimulationReport report) {
        double online = 0;
        double total = 0;
        for (DeviceTruth truth : report.truth().values()) {
            online += truth.onlineMillis();
            total += truth.onlineMillis() + truth.offlineMillis();
        }
        Duration wall = report.wallTime();
        return String.format(Locale.ROOT, "simulated %s to %s (%s) in %.1f s with %s connections: %,d devices, "
                        + "%,d messages (%,d statuses, %,d events, %,d states, %,d malformed, %,d duplicates), "
                        + "%,d acknowledged, %,d failed; fleet uptime %.2f%%",
                report.start(), report.end(), report.simulated(), wall.toMillis() / 1000.0, report.connections(),
                report.truth().size(), report.messagesSent(), report.statusesSent(), report.eventsSent(),
                report.statesSent(), report.malformedSent(), report.duplicatesSent(), report.acknowledged(),
                report.publishFailures(), total == 0 ? 100 : 100 * online / total);
    }
}

package vn.commune.telemetry.simulator;

import vn.commune.telemetry.simulator.cli.SimulatorCli;

/** {@code java -jar simulator.jar --help}: the simulator's command line (see the module README). */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
        System.exit(new SimulatorCli(System.out, System.err).run(args));
    }
}

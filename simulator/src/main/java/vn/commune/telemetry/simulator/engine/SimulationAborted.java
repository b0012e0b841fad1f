package vn.commune.telemetry.simulator.engine;

/** Raised inside the simulation thread when the run is stopped while it waits to publish. */
final class SimulationAborted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulationAborted() {
        super("simulation stopped", null, false, false);
    }
}

package vn.commune.telemetry.service.state;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Metrics of state tracking ({@code ct.state.*}), tagged by state or reason only. */
public interface StateMetrics {

    /** A transition was stored (or overwritten), entering {@code state}. */
    void transitionWritten(DeviceState state);

    /** Evidence arrived too late for memory: the device is folded again from storage. */
    void late();

    /** Devices folded again from storage. */
    void repaired(int devices);

    /** A device whose evidence came out of order was queued to be folded once more, now that it is quiet. */
    void settled();

    /** A read from storage lacked messages already folded in memory (they were kept). */
    void readMissed(int messages);

    /** Settling a device changed transitions of its history (memory had differed from the fold of storage). */
    void settleChanged(int transitions);

    /** A repair query failed (it is retried). */
    void repairFailed();

    /** Registers the gauges read from the tracker. */
    void bind(StateTracker tracker, StateHistory history, TransitionWriter writer);

    /** Metrics that go nowhere. */
    static StateMetrics noop() {
        return new StateMetrics() {
            @Override
            public void transitionWritten(DeviceState state) {
            }

            @Override
            public void late() {
            }

            @Override
            public void repaired(int devices) {
            }

            @Override
            public void repairFailed() {
            }

            @Override
            public void settled() {
            }

            @Override
            public void readMissed(int messages) {
            }

            @Override
            public void settleChanged(int transitions) {
            }

            @Override
            public void bind(StateTracker tracker, StateHistory history, TransitionWriter writer) {
            }
        };
    }

    /** Metrics in a Micrometer registry. */
    static StateMetrics micrometer(MeterRegistry registry) {
        Map<DeviceState, Counter> transitions = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            transitions.put(state, Counter.builder("ct.state.transitions").tag("state", state.wireName())
                    .description("Transitions stored, by the state entered").register(registry));
        }
        Counter late = Counter.builder("ct.state.evidence.late")
                .description("Messages too late to place in memory (the device is folded again from storage)")
                .register(registry);
        Counter repaired = Counter.builder("ct.state.repaired.devices")
                .description("Devices folded again from storage").register(registry);
        Counter settled = Counter.builder("ct.state.settles")
                .description("Devices folded once more from storage after out-of-order messages, once quiet")
                .register(registry);
        Counter missed = Counter.builder("ct.state.read.missed")
                .description("Messages already folded that a read from InfluxDB lacked (kept)").register(registry);
        Counter settleChanges = Counter.builder("ct.state.settle.changes")
                .description("Transitions changed by settling (memory had differed from the fold of storage)")
                .register(registry);
        Counter failed = Counter.builder("ct.state.repair.failures")
                .description("Repair queries that failed (retried)").register(registry);
        return new StateMetrics() {
            @Override
            public void transitionWritten(DeviceState state) {
                transitions.get(state).increment();
            }

            @Override
            public void late() {
                late.increment();
            }

            @Override
            public void repaired(int devices) {
                repaired.increment(devices);
            }

            @Override
            public void repairFailed() {
                failed.increment();
            }

            @Override
            public void settled() {
                settled.increment();
            }

            @Override
            public void readMissed(int messages) {
                missed.increment(messages);
            }

            @Override
            public void settleChanged(int transitions) {
                settleChanges.increment(transitions);
            }

            @Override
            public void bind(StateTracker tracker, StateHistory history, TransitionWriter writer) {
                gauge(registry, "ct.state.dirty.devices", "Devices waiting to be folded again from storage",
                        tracker::dirtyDevices);
                gauge(registry, "ct.state.history.transitions", "Transitions held in memory", history::size);
                gauge(registry, "ct.state.history.dropped", "Transitions dropped from memory to stay within bounds",
                        history::dropped);
                gauge(registry, "ct.state.transition.queue", "Transition points waiting to be written",
                        writer::queued);
                gauge(registry, "ct.state.transition.lost", "Transition points dropped from a full queue (derived "
                        + "again from the stored messages at the next start)", writer::lost);
            }
        };
    }

    private static void gauge(MeterRegistry registry, String name, String description, Supplier<Number> value) {
        // held strongly: the supplier (a method reference) has no other reference, and a gauge only weakly held
        // reads NaN once it is collected
        Gauge.builder(name, value, v -> v.get().doubleValue()).strongReference(true).description(description)
                .register(registry);
    }
}

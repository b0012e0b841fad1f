package vn.commune.telemetry.service.state;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Metrics of state tracking ({@code ct.state.*}), tagged by state only. */
public interface StateMetrics {

    /** A transition was stored (or overwritten), entering {@code state}. */
    void transitionWritten(DeviceState state);

    /** A stored transition was retracted: late data changed the past. */
    void retracted();

    /** A message older than any evidence memory may still change (older than {@code ingest.max-age}). */
    void tooOld();

    /** A message arrived after later evidence of its device (it repaints the past). */
    void outOfOrder();

    /** Registers the gauges read from the tracker and the history. */
    void bind(StateTracker tracker, StateHistory history);

    /** Metrics that go nowhere. */
    static StateMetrics noop() {
        return new StateMetrics() {
            @Override
            public void transitionWritten(DeviceState state) {
            }

            @Override
            public void retracted() {
            }

            @Override
            public void tooOld() {
            }

            @Override
            public void outOfOrder() {
            }

            @Override
            public void bind(StateTracker tracker, StateHistory history) {
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
        Counter retracted = Counter.builder("ct.state.retractions")
                .description("Stored transitions retracted because late data changed the past").register(registry);
        Counter tooOld = Counter.builder("ct.state.evidence.too.old")
                .description("Messages older than any evidence that may still change (ignored by state)")
                .register(registry);
        Counter outOfOrder = Counter.builder("ct.state.evidence.out.of.order")
                .description("Messages that arrived after later evidence of their device (they repaint the past)")
                .register(registry);
        return new StateMetrics() {
            @Override
            public void transitionWritten(DeviceState state) {
                transitions.get(state).increment();
            }

            @Override
            public void retracted() {
                retracted.increment();
            }

            @Override
            public void tooOld() {
                tooOld.increment();
            }

            @Override
            public void outOfOrder() {
                outOfOrder.increment();
            }

            @Override
            public void bind(StateTracker tracker, StateHistory history) {
                gauge(registry, "ct.state.evidence.items", "Life runs and offline marks held for all devices "
                        + "(grows with outages, not with messages)", tracker::evidenceItems);
                gauge(registry, "ct.state.estimated.splits", "Offline marks that arrived inside a stretch of life "
                        + "further back than the recent signs of life reach (placed by estimate)",
                        tracker::estimatedSplits);
                gauge(registry, "ct.state.history.transitions", "Transitions held in memory", history::size);
                gauge(registry, "ct.state.history.dropped", "Transitions dropped from memory to stay within bounds",
                        history::dropped);
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

package vn.commune.telemetry.service.uptime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.maintenance.MaintenanceStore;
import vn.commune.telemetry.service.maintenance.MaintenanceWindow;
import vn.commune.telemetry.service.state.Cause;
import vn.commune.telemetry.service.state.DeviceState;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.support.Slices;

/**
 * Every device's state now, with its overlays (maintenance, an unreachable gateway), and the changes as they
 * happen: re-evaluated at once when a device's transitions change and every sweep period for everything that time
 * alone changes (a window beginning or ending). Listeners (server-sent events) get {@code (previous, current)}.
 * Memory: one entry per inventory device.
 */
public final class PresentStates {

    private final Vertx vertx;
    private final Supplier<Inventory> inventory;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final MaintenanceStore maintenance;
    private final LongSupplier clock;
    private final Map<String, Present> current = new ConcurrentHashMap<>();
    private final List<BiConsumer<Present, Present>> listeners = new CopyOnWriteArrayList<>();
    private long timer = -1;
    private boolean sweeping;
    /** The inventory the last sweep pruned for. */
    private Inventory swept;
    /** Devices per state ({@link DeviceState#ordinal}); on the event loop only. */
    private final int[] stateCounts = new int[DeviceState.values().length];

    public PresentStates(Vertx vertx, Supplier<Inventory> inventory, StateHistory history, ServiceRuns runs,
            MaintenanceStore maintenance, LongSupplier clock) {
        this.vertx = vertx;
        this.inventory = inventory;
        this.history = history;
        this.runs = runs;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /** Sweeps every {@code periodMillis}. */
    public void start(long periodMillis) {
        sweep();
        timer = vertx.setPeriodic(periodMillis, id -> sweep());
    }

    /** Stops sweeping. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Adds a listener of changes; returns what removes it. */
    public Runnable listen(BiConsumer<Present, Present> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The device's present state (computed now if the sweep has not seen it yet). */
    public Present of(Device device) {
        Present known = current.get(device.id());
        return known != null ? known : evaluate(device, clock.getAsLong(), activeTargets(clock.getAsLong()));
    }

    /** Re-evaluates a device whose transitions changed, and the devices behind it when it is a gateway. */
    public void deviceChanged(String deviceId) {
        Inventory inv = inventory.get();
        long now = clock.getAsLong();
        Targets targets = activeTargets(now);
        inv.device(deviceId).ifPresent(device -> update(device, now, targets));
        for (Device behind : inv.devicesBehind(deviceId)) {
            update(behind, now, targets);
        }
    }

    /**
     * Re-evaluates every device, in slices of the event loop's time ({@link Slices}: a country fleet would otherwise
     * hold it for seconds); a sweep still under way when the next is due is not started twice.
     */
    public void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        Inventory inv = inventory.get();
        long now = clock.getAsLong();
        Targets targets = activeTargets(now);
        Slices.forEach(vertx, List.copyOf(inv.devices()).iterator(), device -> update(device, now, targets))
                .compose(v -> {
                    if (inv == swept) {
                        return Future.succeededFuture();
                    }
                    // a reloaded inventory: devices no longer in it are forgotten
                    return Slices.forEach(vertx, List.copyOf(current.keySet()).iterator(), id -> {
                        if (inv.device(id).isEmpty()) {
                            count(current.remove(id), -1);
                        }
                    }).onSuccess(pruned -> swept = inv);
                })
                .onComplete(done -> sweeping = false);
    }

    private void update(Device device, long now, Targets targets) {
        Present before = current.get(device.id());
        Cause cause = cause(device, now, targets);
        if (before != null && before.cause() == cause) {
            return;
        }
        Present after = evaluate(device, now, targets);
        current.put(device.id(), after);
        count(before, -1);
        count(after, 1);
        if (before != null && before.state() != after.state()) {
            for (BiConsumer<Present, Present> listener : listeners) {
                listener.accept(before, after);
            }
        }
    }

    private Present evaluate(Device device, long now, Targets targets) {
        Cause cause = cause(device, now, targets);
        Timelines timelines = targets.timelines(now);
        long from = timelines.from();
        List<Segment> segments = timelines.of(device);
        long since = Long.MIN_VALUE;
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!segments.get(i).cause().sameAs(cause)) {
                break;
            }
            since = segments.get(i).from() == from ? Long.MIN_VALUE : segments.get(i).from();
        }
        return new Present(device.id(), cause, since);
    }

    private Cause cause(Device device, long now, Targets targets) {
        if (targets.devices.contains(device.id())) {
            return Cause.MAINTENANCE;
        }
        if (!targets.places.isEmpty()) {
            for (Place place : inventory.get().ancestors(device.placeId())) {
                if (targets.places.contains(place.id())) {
                    return Cause.MAINTENANCE;
                }
            }
        }
        Cause raw = history.of(device.id()).causeAt(now);
        if (raw == Cause.TIMEOUT && device.gatewayId() != null
                && history.of(device.gatewayId()).causeAt(now).state() == DeviceState.OFFLINE) {
            return Cause.GATEWAY_UNREACHABLE;
        }
        return raw;
    }

    private Targets activeTargets(long now) {
        Targets targets = new Targets();
        for (MaintenanceWindow window : maintenance.all()) {
            if (window.activeAt(now)) {
                (window.targetKind().equals(MaintenanceWindow.DEVICE) ? targets.devices : targets.places)
                        .add(window.target());
            }
        }
        return targets;
    }

    /** The counts of devices per state, now (kept as states change: a country's devices are not counted per ask). */
    public Map<DeviceState, Integer> counts() {
        Map<DeviceState, Integer> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, stateCounts[state.ordinal()]);
        }
        return counts;
    }

    private void count(Present present, int delta) {
        if (present != null) {
            stateCounts[present.state().ordinal()] += delta;
        }
    }

    /**
     * What is the same for every device evaluated at one instant: the maintenance targets active then, and the
     * timelines (built once per sweep, not per device: a country's first sweep built 100,000 of them).
     */
    private final class Targets {
        final Set<String> devices = new HashSet<>();
        final Set<String> places = new HashSet<>();
        private Timelines timelines;

        Timelines timelines(long now) {
            if (timelines == null) {
                long from = Math.max(history.loadedFrom() == Long.MAX_VALUE ? now : history.loadedFrom(),
                        now - 400L * 86_400_000L);
                timelines = new Timelines(inventory.get(), history, runs.runs(), maintenance, from, now + 1);
            }
            return timelines;
        }
    }
}

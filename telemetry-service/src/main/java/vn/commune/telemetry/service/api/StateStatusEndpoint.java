package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import vn.commune.telemetry.service.state.ServiceRuns;
import vn.commune.telemetry.service.state.StateHistory;
import vn.commune.telemetry.service.state.StateTracker;
import vn.commune.telemetry.service.uptime.PresentStates;

/**
 * {@code GET /api/v1/state}: whether state tracking is ready (start-up recovery done: the newest month of history in
 * memory and every device's evidence rebuilt), how far back memory reaches, the evidence held, the counts of devices
 * per state now, and the service's runs (outside them, silence reads unknown).
 */
public final class StateStatusEndpoint {

    private final StateTracker tracker;
    private final StateHistory history;
    private final ServiceRuns runs;
    private final PresentStates present;
    private final BooleanSupplier ready;

    public StateStatusEndpoint(StateTracker tracker, StateHistory history, ServiceRuns runs, PresentStates present,
            BooleanSupplier ready) {
        this.tracker = tracker;
        this.history = history;
        this.runs = runs;
        this.present = present;
        this.ready = ready;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/state").handler(this::status);
    }

    private void status(RoutingContext ctx) {
        JsonArray runList = new JsonArray();
        for (ServiceRuns.Run run : runs.runs()) {
            runList.add(new JsonObject().put("instance", run.instance()).put("from", StateJson.time(run.from()))
                    .put("until", StateJson.time(run.until())));
        }
        JsonObject counts = new JsonObject();
        present.counts().forEach((state, count) -> counts.put(state.wireName(), count));
        long loadedFrom = history.loadedFrom();
        HealthEndpoint.json(ctx, 200, new JsonObject()
                .put("ready", ready.getAsBoolean())
                .put("history_from", loadedFrom == Long.MAX_VALUE ? null : StateJson.time(loadedFrom))
                .put("history_transitions", history.size())
                .put("evidence_items", tracker.evidenceItems())
                .put("devices", counts)
                .put("runs", runList));
    }
}

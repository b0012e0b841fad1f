package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import vn.commune.telemetry.service.storage.InfluxHttpClient;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.QueryRows;
import vn.commune.telemetry.service.storage.StorageSchema;

/**
 * When the service ran: each run of each instance is one point (measurement {@code service_run}, tag
 * {@code instance}, time = its start) whose field {@code until} this instance moves forward every marker period,
 * and sets one last time on a clean stop. Outside every run no instance was listening: there, a device's silence
 * proves nothing, so its timeouts read {@code unknown} (see the uptime package). Runs are few (one per start), so all are kept.
 */
public final class ServiceRuns {

    /**
     * One run.
     *
     * @param instance    the instance id
     * @param from        its start
     * @param until       the last instant it was known to run
     */
    public record Run(String instance, long from, long until) {
    }

    private final InfluxHttpClient influx;
    private final PointSink sink;
    private final String instance;
    private final LongSupplier clock;
    private final long start;
    private volatile List<Run> others = List.of();

    public ServiceRuns(InfluxHttpClient influx, PointSink sink, String instance, LongSupplier clock) {
        this.influx = influx;
        this.sink = sink;
        this.instance = instance;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** When this run began. */
    public long start() {
        return start;
    }

    /** Loads the runs stored so far (every instance's, this one's excluded). */
    public Future<Void> load() {
        return influx.query("SELECT " + QueryRows.identifier(StorageSchema.UNTIL) + " FROM "
                + QueryRows.identifier(StorageSchema.SERVICE_RUN) + " GROUP BY "
                + QueryRows.identifier(StorageSchema.INSTANCE))
                .map(answer -> {
            List<Run> runs = new ArrayList<>();
            for (JsonObject row : QueryRows.of(answer, 0)) {
                long from = row.getLong("time");
                Number until = (Number) row.getValue(StorageSchema.UNTIL);
                String of = row.getString(StorageSchema.INSTANCE);
                if (!(instance.equals(of) && from == start) && until != null) {
                    runs.add(new Run(of, from, until.longValue()));
                }
            }
            others = List.copyOf(runs);
            return null;
        });
    }

    /**
     * Records that this run is alive now ({@code clean}: and stopping). The same point is rewritten each time, so it
     * goes through the ordered writer of state points.
     */
    public Future<Void> mark(boolean clean) {
        return sink.write(List.of(StorageSchema.serviceRun(instance, start, clock.getAsLong(), clean)));
    }

    /** The latest instant a previous run (of any instance) was known to run before this one began, or null. */
    public Long lastBeforeStart() {
        Long last = null;
        for (Run run : others) {
            if (run.from() < start && (last == null || run.until() > last)) {
                last = Math.min(run.until(), start);
            }
        }
        return last;
    }

    /** Every run known, this one included. */
    public List<Run> runs() {
        List<Run> all = new ArrayList<>(others);
        all.add(new Run(instance, start, clock.getAsLong()));
        return all;
    }
}

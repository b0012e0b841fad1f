package vn.commune.telemetry.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.simulator.clock.SimClock;
import vn.commune.telemetry.simulator.engine.SimulationEngine;
import vn.commune.telemetry.simulator.load.ResourceMeter;
import vn.commune.telemetry.simulator.mqtt.PublishWindow;

/** Logs a run's progress at a fixed wall-clock period: simulated time and lag, messages and rate, heap, CPU. */
final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("vn.commune.telemetry.simulator.progress");

    private final SimulationEngine engine;
    private final SimClock clock;
    private final PublishWindow window;
    private final ResourceMeter meter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sim-progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastMessages;
    private long lastNanos = System.nanoTime();

    ProgressLog(SimulationEngine engine, SimClock clock, PublishWindow window, ResourceMeter meter) {
        this.engine = engine;
        this.clock = clock;
        this.window = window;
        this.meter = meter;
    }

    void start(Duration every) {
        long millis = every.toMillis();
        timer.scheduleAtFixedRate(this::log, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
        log();
    }

    private void log() {
        long now = System.nanoTime();
        long messages = engine.messages();
        double rate = (messages - lastMessages) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastMessages = messages;
        lastNanos = now;
        long simulated = engine.lastMillis();
        String lag = clock.unpaced() ? "unpaced"
                : String.format(Locale.ROOT, "lag %.1f s", engine.lagMillis() / 1000.0 / clock.speed());
        ResourceMeter.Reading reading = meter.read();
        LOG.info(String.format(Locale.ROOT,
                "sim %s (%s) | sent %,d (%,.0f/s) acked %,d in flight %,d | heap %,d MiB rss %,d MiB cpu %.0f%%",
                Instant.ofEpochMilli(simulated), lag, messages, rate, window.acknowledged(), window.inFlight(),
                reading.heapMib(), reading.rssMib(), reading.cpuPercent()));
    }
}

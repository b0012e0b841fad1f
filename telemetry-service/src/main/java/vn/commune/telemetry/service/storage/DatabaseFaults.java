package vn.commune.telemetry.service.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.service.support.ThrottledLog;

/**
 * Refusals by InfluxDB that mean the database is set up wrong rather than the data being bad or the server busy,
 * each named by the setting to fix: the limit of distinct tag values ({@code max-values-per-tag}, which refuses the
 * 100,001st device of a country fleet by default), a missing database or retention policy, and credentials or
 * permissions. Every such refusal is counted ({@code ct.storage.config.faults}, tag {@code setting}), logged at ERROR
 * once a minute per setting, and reported by {@code /ready}: a tag limit for ten minutes after the latest refusal, a
 * missing database or refused credentials until a write goes through. The points
 * concerned are not lost silently either: refused as bad data they are in the dead-letter file, refused for a
 * permission they wait in the spool.
 */
public final class DatabaseFaults {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFaults.class);
    private static final long REPORTED_FOR_MS = Duration.ofMinutes(10).toMillis();

    /** A setting of the database that refusals point at. */
    public enum Setting {
        /** InfluxDB 1.x {@code [data] max-values-per-tag}: set it to 0. */
        MAX_VALUES_PER_TAG("max-values-per-tag", "set [data] max-values-per-tag = 0 in influxdb.conf"),
        /** The database or its retention policy is missing. */
        DATABASE("database", "create the database and retention policy, or let the service create them"),
        /** The credentials are refused or lack the write permission. */
        PERMISSION("permission", "check influx.token / influx.username and the user's write permission");

        private final String wireName;
        private final String fix;

        Setting(String wireName, String fix) {
            this.wireName = wireName;
            this.fix = fix;
        }

        /** The name in metrics and {@code /ready}. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * The latest refusal.
     *
     * @param setting what to fix
     * @param detail  InfluxDB's words
     * @param at      when (epoch milliseconds)
     */
    public record Fault(Setting setting, String detail, long at) {

        /** One line for {@code /ready} and the log. */
        public String describe() {
            return "InfluxDB refuses points because of its " + setting.wireName + " setting (" + setting.fix + "): "
                    + detail;
        }
    }

    private final Map<Setting, Counter> counters = new EnumMap<>(Setting.class);
    private final Map<Setting, ThrottledLog> throttles = new EnumMap<>(Setting.class);
    private final AtomicReference<Fault> latest = new AtomicReference<>();
    private final LongSupplier clock;

    public DatabaseFaults(MeterRegistry registry, LongSupplier clock) {
        this.clock = clock;
        for (Setting setting : Setting.values()) {
            throttles.put(setting, ThrottledLog.perMinute());
            counters.put(setting, registry == null ? null : Counter.builder("ct.storage.config.faults")
                    .tag("setting", setting.wireName)
                    .description("Writes InfluxDB refused because of how the database is set up, by setting")
                    .register(registry));
        }
    }

    /** Records nothing anywhere but here (tests). */
    public static DatabaseFaults unregistered() {
        return new DatabaseFaults(null, System::currentTimeMillis);
    }

    /** Looks at a write's answer; records it when it names a setting of the database. */
    void seen(WriteOutcome outcome) {
        if (outcome.isOk()) {
            // a write went through: a missing database or refused credentials are fixed (a tag limit is not: it
            // refuses only new tag values, while the rest is written)
            Fault fault = latest.get();
            if (fault != null && fault.setting() != Setting.MAX_VALUES_PER_TAG) {
                latest.compareAndSet(fault, null);
            }
            return;
        }
        setting(outcome).ifPresent(setting -> record(setting, outcome.detail()));
    }

    static Optional<Setting> setting(WriteOutcome outcome) {
        String detail = outcome.detail() == null ? "" : outcome.detail();
        if (detail.contains("max-values-per-tag")) {
            return Optional.of(Setting.MAX_VALUES_PER_TAG);
        }
        if (InfluxAnswers.isMissingDatabase(outcome)) {
            return Optional.of(Setting.DATABASE);
        }
        if (outcome.status() == 401 || outcome.status() == 403) {
            return Optional.of(Setting.PERMISSION);
        }
        return Optional.empty();
    }

    private void record(Setting setting, String detail) {
        long now = clock.getAsLong();
        Fault fault = new Fault(setting, InfluxAnswers.truncate(detail == null ? "" : detail), now);
        latest.set(fault);
        Counter counter = counters.get(setting);
        if (counter != null) {
            counter.increment();
        }
        if (!throttles.get(setting).due()) {
            return;
        }
        LOG.error("{} (logged once a minute; counted in ct_storage_config_faults_total, setting {})",
                fault.describe(), setting.wireName);
    }

    /** The latest refusal, when it is recent enough to report. */
    public Optional<Fault> current() {
        Fault fault = latest.get();
        if (fault == null || clock.getAsLong() - fault.at() > REPORTED_FOR_MS) {
            return Optional.empty();
        }
        return Optional.of(fault);
    }
}

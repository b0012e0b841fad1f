package vn.commune.telemetry.service.storage;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the database and its retention policy with InfluxQL where the server allows it (InfluxDB 1.x). InfluxDB
 * 2.x and 3 refuse these statements on the v1 API; there the bucket (and its database mapping) is the operator's,
 * and this logs that once at INFO.
 */
final class DatabaseSetup {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    private final InfluxHttpClient client;
    private final StorageConfig config;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    DatabaseSetup(InfluxHttpClient client, StorageConfig config) {
        this.client = client;
        this.config = config;
    }

    Future<Void> ensure() {
        String database = QueryRows.identifier(config.database());
        return client.execute("CREATE DATABASE " + database, null)
                .compose(created -> config.retentionPolicy() == null ? Future.<Void>succeededFuture()
                        : ensureRetentionPolicy(database))
                .recover(this::refused);
    }

    private Future<Void> ensureRetentionPolicy(String database) {
        String policy = QueryRows.identifier(config.retentionPolicy());
        String duration = duration(config.retention());
        String create = "CREATE RETENTION POLICY " + policy + " ON " + database + " DURATION " + duration
                + " REPLICATION 1 DEFAULT";
        String alter = "ALTER RETENTION POLICY " + policy + " ON " + database + " DURATION " + duration + " DEFAULT";
        return client.execute(create, null).<Void>mapEmpty().recover(failure -> {
            if (failure.getMessage() != null && failure.getMessage().contains("already exists")) {
                // same name, other settings: bring the duration and the default flag to what the config says
                return client.execute(alter, null).mapEmpty();
            }
            return Future.failedFuture(failure);
        }).onSuccess(done -> LOG.debug("retention policy {} on {} is {} and the default", policy, database,
                duration));
    }

    private Future<Void> refused(Throwable failure) {
        if (failure instanceof InfluxQueryException query && query.answered()) {
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.info("InfluxDB at {} does not let this service create database '{}' or its retention policy ({});"
                        + " assuming they exist (on InfluxDB 2.x/3 create the bucket and its database mapping)",
                        config.influxUrl(), config.database(), failure.getMessage());
            }
            return Future.succeededFuture();
        }
        return Future.failedFuture(failure);
    }

    /** An InfluxQL duration literal ({@code 400d}, {@code 36h}, {@code 90m}, {@code 45s}); zero is {@code INF}. */
    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds <= 0) {
            return "INF";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

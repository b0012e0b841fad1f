package vn.commune.telemetry.service.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Settings, points and waiting helpers shared by the storage tests. */
final class StorageFixtures {

    /** An hour ago: inside any retention policy, far from the future limit. */
    static final long BASE_TS = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

    private StorageFixtures() {
    }

    /** Settings for tests: small batches, short linger and fast retries; change with {@link Builder}. */
    static Builder config(String url, String database, Path dataDir) {
        return new Builder(url, database, dataDir);
    }

    /** {@code count} points of measurement {@code m}, field {@code f}, each its own series+timestamp. */
    static List<String> lines(String measurement, int from, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            lines.add(measurement + ",device=d" + (i % 97) + " f=" + i + " " + (BASE_TS + i));
        }
        return lines;
    }

    /** Waits for a Future from a test thread (never an event loop). */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result within 60 s", e);
        }
    }

    /** Runs an action on a context and waits for its Future. */
    static <T> T on(Context context, Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result within 60 s", e);
        }
    }

    /** A mutable set of test settings. */
    static final class Builder {
        String url;
        String database;
        String retentionPolicy = StorageConfig.DEFAULT_RETENTION_POLICY;
        Duration retention = StorageConfig.DEFAULT_RETENTION;
        String token;
        String username;
        String password;
        int batchSize = 500;
        Duration linger = Duration.ofMillis(20);
        int maxInFlight = 2;
        int maxBufferedPoints = 200_000;
        Path spoolDir;
        long spoolMaxBytes = 64L << 20;
        Path deadLetterFile;
        Duration requestTimeout = Duration.ofSeconds(20);
        Duration retryMin = Duration.ofMillis(50);
        Duration retryMax = Duration.ofMillis(400);

        Builder(String url, String database, Path dataDir) {
            this.url = url;
            this.database = database;
            this.spoolDir = dataDir.resolve("spool");
            this.deadLetterFile = dataDir.resolve("dead-letter.jsonl");
        }

        Builder url(String value) {
            url = value;
            return this;
        }

        Builder retentionPolicy(String value) {
            retentionPolicy = value;
            return this;
        }

        Builder retention(Duration value) {
            retention = value;
            return this;
        }

        Builder token(String value) {
            token = value;
            return this;
        }

        Builder user(String name, String secret) {
            username = name;
            password = secret;
            return this;
        }

        Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        Builder linger(Duration value) {
            linger = value;
            return this;
        }

        Builder maxInFlight(int value) {
            maxInFlight = value;
            return this;
        }

        Builder maxBufferedPoints(int value) {
            maxBufferedPoints = value;
            return this;
        }

        Builder spoolMaxBytes(long value) {
            spoolMaxBytes = value;
            return this;
        }

        Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        Builder retry(Duration min, Duration max) {
            retryMin = min;
            retryMax = max;
            return this;
        }

        StorageConfig build() {
            return new StorageConfig(url, database, retentionPolicy, retention, token, username, password, batchSize,
                    linger, maxInFlight, maxBufferedPoints, spoolDir, spoolMaxBytes, deadLetterFile, requestTimeout,
                    retryMin, retryMax);
        }
    }
}

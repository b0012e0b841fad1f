package vn.commune.telemetry.service;

import java.nio.file.Path;
import java.time.Duration;
import vn.commune.telemetry.service.api.ApiSettings;
import vn.commune.telemetry.service.alert.AlertSettings;
import vn.commune.telemetry.service.broadcast.BroadcastSettings;
import vn.commune.telemetry.service.api.HttpLimits;
import vn.commune.telemetry.service.api.HttpSettings;
import vn.commune.telemetry.service.coverage.CoverageSettings;
import vn.commune.telemetry.service.ingest.IngestSettings;
import vn.commune.telemetry.service.ingest.MqttSettings;
import vn.commune.telemetry.service.state.StateSettings;
import vn.commune.telemetry.service.storage.StorageConfig;

/**
 * Everything the service is configured with, built once at start from the YAML file and the environment.
 *
 * @param mqtt      the broker
 * @param storage   InfluxDB, batching and the on-disk spool
 * @param http      the HTTP server
 * @param ingest    acceptance rules
 * @param inventory the inventory file
 * @param dataDir   folder for the spool and dead letters
 * @param state     how device state is derived
 * @param coverage  signal class thresholds
 * @param api       live events, maintenance windows, inventory reloads
 * @param maxEventLoopBlock how long one task may hold an event loop before Vert.x logs a warning with its stack
 * @param broadcast schedules and compliance
 * @param alerting  rules, people and channels
 * @param limits    what one HTTP client may ask: body size, JSON depth, timeouts, rate limits
 */
public record ServiceConfig(MqttSettings mqtt, StorageConfig storage, HttpSettings http, IngestSettings ingest,
        Path inventory, Path dataDir, StateSettings state, CoverageSettings coverage, ApiSettings api,
        Duration maxEventLoopBlock, BroadcastSettings broadcast, AlertSettings alerting, HttpLimits limits) {
}

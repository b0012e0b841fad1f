package vn.commune.telemetry.service.config;

import java.nio.file.Path;
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
 */
public record ServiceConfig(MqttSettings mqtt, StorageConfig storage, HttpSettings http, IngestSettings ingest,
        Path inventory, Path dataDir) {
}

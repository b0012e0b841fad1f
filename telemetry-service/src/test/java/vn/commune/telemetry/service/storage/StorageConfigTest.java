package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Defaults and the guards of the storage settings. */
class StorageConfigTest {

    /** Verifies the documented defaults and where the files go. */
    @Test
    void defaults() {
        StorageConfig config = StorageConfig.defaults("http://127.0.0.1:8086", "telemetry", Path.of("/var/lib/ct"));
        assertThat(config.retentionPolicy()).isEqualTo("ct_400d");
        assertThat(config.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(config.batchSize()).isEqualTo(5000);
        assertThat(config.linger()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxInFlight()).isEqualTo(2);
        assertThat(config.maxBufferedPoints()).isEqualTo(200_000);
        assertThat(config.spoolDir()).isEqualTo(Path.of("/var/lib/ct/spool"));
        assertThat(config.spoolMaxBytes()).isEqualTo(1L << 30);
        assertThat(config.deadLetterFile()).isEqualTo(Path.of("/var/lib/ct/dead-letter.jsonl"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.hasToken()).isFalse();
        assertThat(config.hasUserPassword()).isFalse();
    }

    /** Verifies that secrets never show in the text form. */
    @Test
    void toStringMasksSecrets() {
        StorageConfig config = StorageFixtures.config("http://127.0.0.1:8086", "db", Path.of("/tmp/x"))
                .token("s3cr3t-token").user("admin", "hunter2").build();
        assertThat(config.toString()).doesNotContain("s3cr3t-token").doesNotContain("hunter2").contains("admin");
        assertThat(config.hasToken()).isTrue();
        assertThat(config.hasUserPassword()).isFalse();
    }

    /** Verifies that impossible values are refused with the setting's name. */
    @Test
    void rejectsImpossibleValues() {
        StorageFixtures.Builder builder = StorageFixtures.config("http://127.0.0.1:8086", "db", Path.of("/tmp/x"));
        assertThatThrownBy(() -> builder.batchSize(0).build()).hasMessageContaining("batchSize");
        builder.batchSize(10);
        assertThatThrownBy(() -> builder.retry(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageContaining("retryMax");
    }
}

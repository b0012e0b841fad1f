package vn.commune.telemetry.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Reading InfluxDB's answers and writing InfluxQL literals. */
class InfluxAnswersTest {

    /** Verifies both forms of Retry-After, and that nonsense is ignored. */
    @Test
    void readsRetryAfter() {
        assertThat(InfluxAnswers.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(InfluxAnswers.retryAfter(null)).isNull();
        assertThat(InfluxAnswers.retryAfter("soon")).isNull();
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(InfluxAnswers.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    /** Verifies that passwords and tokens in URLs never reach a message. */
    @Test
    void scrubsSecrets() {
        String text = "timeout executing POST /write?db=x&u=admin&p=hunter2&precision=ms token=abc";
        assertThat(InfluxAnswers.scrub(text)).doesNotContain("hunter2").doesNotContain("admin")
                .contains("db=x").contains("precision=ms");
        assertThat(InfluxAnswers.describe(new TimeoutException("POST /write?p=hunter2"), 250))
                .isEqualTo("no answer within 250 ms");
    }

    /** Verifies which answers count as configuration faults or a missing database. */
    @Test
    void classesRetryReasons() {
        WriteOutcome forbidden = new WriteOutcome(WriteOutcome.Kind.RETRY, 403, "forbidden", null);
        WriteOutcome missing = new WriteOutcome(WriteOutcome.Kind.RETRY, 404, "database not found: \"x\"", null);
        WriteOutcome throttled = new WriteOutcome(WriteOutcome.Kind.RETRY, 429, "slow down", Duration.ofSeconds(1));
        assertThat(InfluxAnswers.isConfigFault(forbidden)).isTrue();
        assertThat(InfluxAnswers.isConfigFault(throttled)).isFalse();
        assertThat(InfluxAnswers.isMissingDatabase(missing)).isTrue();
        assertThat(forbidden.retryReason()).isEqualTo("config");
        assertThat(throttled.retryReason()).isEqualTo("throttled");
        assertThat(new WriteOutcome(WriteOutcome.Kind.RETRY, 0, "refused", null).retryReason())
                .isEqualTo("unavailable");
        assertThat(new WriteOutcome(WriteOutcome.Kind.RETRY, 503, "down", null).retryReason())
                .isEqualTo("server_error");
    }

    /** Verifies InfluxQL identifiers and durations. */
    @Test
    void writesInfluxQl() {
        assertThat(QueryRows.identifier("tele\"metry")).isEqualTo("\"tele\\\"metry\"");
        assertThat(DatabaseSetup.duration(Duration.ofDays(400))).isEqualTo("400d");
        assertThat(DatabaseSetup.duration(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(DatabaseSetup.duration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DatabaseSetup.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DatabaseSetup.duration(Duration.ZERO)).isEqualTo("INF");
    }
}

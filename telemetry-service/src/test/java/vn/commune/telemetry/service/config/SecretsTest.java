package vn.commune.telemetry.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        Secrets.clear();
    }

    /** Verifies that a secret is masked in every form it is logged in, the longest first. */
    @Test
    void masksEveryFormOfASecret() {
        Secrets.register("123456:AAH-bot/token");
        Secrets.register("123456");
        String text = "POST https://api.telegram.org/bot123456:AAH-bot/token/sendMessage failed; "
                + "encoded 123456%3AAAH-bot%2Ftoken; basic MTIzNDU2OkFBSC1ib3QvdG9rZW4=; id 123456";
        assertThat(Secrets.mask(text)).isEqualTo("POST https://api.telegram.org/bot****/sendMessage failed; "
                + "encoded ****; basic ****; id ****");
    }

    /** Verifies that very short values are not treated as secrets (they would mask ordinary words). */
    @Test
    void shortValuesAreNotMasked() {
        Secrets.register("abc");
        assertThat(Secrets.mask("abc abc")).isEqualTo("abc abc");
    }

    /** Verifies that the log's message and stack trace converters mask what they print. */
    @Test
    void logConvertersMask() {
        Secrets.register("s3cr3t-token-value");
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent("x", logger, Level.ERROR, "token {} refused",
                new IllegalStateException("bad token s3cr3t-token-value"), new Object[] {"s3cr3t-token-value"});
        MaskedMessageConverter message = new MaskedMessageConverter();
        MaskedThrowableConverter trace = new MaskedThrowableConverter();
        trace.setContext(context);
        trace.start();
        assertThat(message.convert(event)).isEqualTo("token **** refused");
        assertThat(trace.convert(event)).contains("bad token ****").doesNotContain("s3cr3t");
    }

    /** Verifies where a secret comes from: the variable, then VAR_FILE, then key-file, then the key. */
    @Test
    void secretsComeFromTheEnvironmentOrFiles() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "from-a-file-123\n");
        Path other = Files.writeString(tmp.resolve("other"), "from-the-config-file\r\n");
        Map<String, Object> yaml = Map.of("http", Map.of("api-token", "in-the-yaml-0000",
                "api-token-file", other.toString()));
        assertThat(new ConfigTree(yaml, Map.of("API_TOKEN", "from-the-env-0000", "API_TOKEN_FILE", file.toString()))
                .secret("http.api-token", "API_TOKEN")).isEqualTo("from-the-env-0000");
        assertThat(new ConfigTree(yaml, Map.of("API_TOKEN_FILE", file.toString()))
                .secret("http.api-token", "API_TOKEN")).isEqualTo("from-a-file-123");
        assertThat(new ConfigTree(yaml, Map.of()).secret("http.api-token", "API_TOKEN"))
                .isEqualTo("from-the-config-file");
        assertThat(new ConfigTree(Map.of("http", Map.of("api-token", "in-the-yaml-0000")), Map.of())
                .secret("http.api-token", "API_TOKEN")).isEqualTo("in-the-yaml-0000");
        assertThat(Secrets.mask("from-a-file-123 from-the-config-file")).isEqualTo("**** ****");
    }

    /** Verifies that a missing or empty secret file is a clear configuration error naming the setting. */
    @Test
    void missingOrEmptySecretFilesAreErrors() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        assertThatThrownBy(() -> new ConfigTree(Map.of(), Map.of("API_TOKEN_FILE", tmp.resolve("none").toString()))
                .secret("http.api-token", "API_TOKEN"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("API_TOKEN_FILE")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ConfigTree(Map.of("http", Map.of("api-token-file", empty.toString())), Map.of())
                .secret("http.api-token", "API_TOKEN"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.api-token-file")
                .hasMessageContaining("empty");
    }
}

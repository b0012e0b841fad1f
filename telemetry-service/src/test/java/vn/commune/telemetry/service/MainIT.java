package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refusals, as an operator sees them: one line on standard error and exit code 2. */
class MainIT {

    @TempDir
    Path tmp;

    /** Verifies that a bad config file stops start-up with one line naming the key, and exit code 2. */
    @Test
    void badConfigFileGivesOneLineAndExitCode() throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "influx:\n  url: not-a-url\n");
        Result result = run(config.toString(), "API_TOKEN=0123456789abcdef");
        assertThat(result.code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(result.stderr.strip().lines()).hasSize(1);
        assertThat(result.stderr).startsWith("config error: influx.url (or INFLUX_URL): must start with http://");
    }

    /** Verifies that a missing API token and a broken inventory are refused the same way. */
    @Test
    void missingTokenAndBadInventoryAreRefused() throws Exception {
        Result noToken = run(null);
        assertThat(noToken.code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(noToken.stderr.strip()).isEqualTo("config error: http.api-token (or API_TOKEN): is required");

        Path inventory = tmp.resolve("inventory.yaml");
        Files.writeString(inventory, "version: 1\nlevels: [commune, village]\nplaces:\n  - id: a\n    name: A\n"
                + "    level: village\n    population: 5\ndevices: []\n");
        Result badInventory = run(null, "API_TOKEN=0123456789abcdef", "INVENTORY=" + inventory);
        assertThat(badInventory.code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(badInventory.stderr.strip().lines()).hasSize(1);
        assertThat(badInventory.stderr).startsWith("inventory error: ").contains("inventory.yaml:");
    }

    private record Result(int code, String stderr) {
    }

    private Result run(String configFile, String... env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        if (configFile != null) {
            command.add(configFile);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MQTT_") || key.startsWith("INFLUX_")
                || key.equals("API_TOKEN") || key.equals("CONFIG") || key.equals("INVENTORY"));
        builder.environment().put("HTTP_PORT", "0");
        for (String pair : env) {
            String[] kv = pair.split("=", 2);
            builder.environment().put(kv[0], kv[1]);
        }
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stderr);
    }
}

package vn.commune.telemetry.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.commune.telemetry.gateway.config.ConfigReader;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.MqttBroker;

/** Writes a gateway config for two test brokers and starts the gateway in this JVM or as a process. */
final class GatewayFixture {

    final Path dir;
    final Path configFile;
    final Path spoolDir;
    final int httpPort = FreePorts.next();
    final String gatewayId;

    GatewayFixture(Path dir, String gatewayId, MqttBroker local, MqttBroker district, String extraYaml) {
        this(dir, gatewayId, local, district, extraYaml, "");
    }

    /** {@code districtYaml}: more keys of the district section, each line indented by two spaces. */
    GatewayFixture(Path dir, String gatewayId, MqttBroker local, MqttBroker district, String extraYaml,
            String districtYaml) {
        this.dir = dir;
        this.gatewayId = gatewayId;
        this.spoolDir = dir.resolve("spool");
        this.configFile = dir.resolve("gateway.yaml");
        String yaml = "gateway-id: " + gatewayId + "\n"
                + "uplink: 4g\n"
                + "local:\n  url: " + local.url() + "\n"
                + "district:\n  url: " + district.url() + "\n  reconnect-min: PT0.5S\n  reconnect-max: PT1S\n"
                + "  keep-alive: PT5S\n" + districtYaml
                + "http:\n  port: " + httpPort + "\n"
                + extraYaml;
        if (!extraYaml.contains("spool:")) {
            yaml += "spool:\n  dir: " + spoolDir + "\n";
        }
        try {
            Files.writeString(configFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Gateway start() {
        try {
            return new Gateway(ConfigReader.read(configFile, Map.of())).start();
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start: " + e, e);
        }
    }

    /** The gateway as its own process, from the shaded jar the package phase built. */
    Process startProcess() {
        Path jar = Path.of("target", "gateway.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the tests with mvn verify");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-jar", jar.toString(), "--config",
                configFile.toString());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve("gateway.log").toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java, e);
        }
    }
}

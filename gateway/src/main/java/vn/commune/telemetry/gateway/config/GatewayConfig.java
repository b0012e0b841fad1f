package vn.commune.telemetry.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.commune.telemetry.gateway.forward.MqttEndpoint;
import vn.commune.telemetry.gateway.forward.UplinkSettings;
import vn.commune.telemetry.gateway.probe.ProbeSpec;
import vn.commune.telemetry.gateway.spool.SpoolSettings;
import vn.commune.telemetry.protocol.Uplink;

/**
 * Everything the gateway is told, read once at start ({@link ConfigReader}).
 *
 * @param gatewayId      its device id (its own topics, and the inventory's {@code gateway:} of its devices)
 * @param uplink         the uplink type it reports
 * @param inventory      the inventory file, or null
 * @param commune        its commune id (for {@code cmd/commune/{id}/…}), or null
 * @param commandDevices devices whose {@code cmd/{id}/+} it passes down
 * @param local          the commune's broker
 * @param district       the district broker and how to send to it
 * @param spool          the log
 * @param commitInterval least time between two fsyncs (0: as soon as the previous one ends)
 * @param statusInterval how often it publishes its own status
 * @param httpHost       address of /metrics and /health
 * @param httpPort       port of /metrics and /health (0: any free port)
 * @param probes         devices it probes
 */
public record GatewayConfig(String gatewayId, Uplink uplink, Path inventory, String commune,
        List<String> commandDevices, MqttEndpoint local, UplinkSettings district, SpoolSettings spool,
        Duration commitInterval, Duration statusInterval, String httpHost, int httpPort, List<ProbeSpec> probes) {
}

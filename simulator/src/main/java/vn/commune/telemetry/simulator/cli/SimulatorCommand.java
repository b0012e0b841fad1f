package vn.commune.telemetry.simulator.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.simulator.ConnectionMode;

/** The command-line options (parsed by picocli); {@link SimulatorCli} acts on them. */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "Commune Telemetry simulator 0.1.0",
        sortOptions = false, usageHelpWidth = 110,
        description = {
            "Plays the devices of an inventory (or a generated fleet) against an MQTT broker: statuses, events,",
            "broadcasts that follow each commune's schedule, faults, and the ground truth of what happened.",
            "Load mode (--load) sends statuses at a fixed rate instead and measures what the broker takes."},
        footer = {"", "Examples:",
            "  simulator --broker tcp://127.0.0.1:1883 --inventory config/inventory.yaml --speed 1 --profile demo",
            "  simulator --inventory config/inventory.yaml --duration P7D --speed max --seed 7 --truth truth.jsonl",
            "  simulator --generate country --devices 100000 --write-inventory /tmp/country.yaml",
            "  simulator --load --inventory /tmp/country.yaml --devices 100000 --rate 1667 --duration PT5M",
            "Exit status: 0 done, 1 failed (broker unreachable...), 2 bad option. Details: simulator/README.md"})
final class SimulatorCommand {

    @Option(names = "--broker", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "MQTT broker: tcp://host:port or ssl://host:port (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "CA certificate(s) to trust for an ssl:// broker instead of the JVM's (docs/tls.md)")
    java.nio.file.Path caFile;

    @Option(names = "--username", paramLabel = "NAME", defaultValue = "${env:MQTT_USERNAME}",
            description = "user name of pooled/control connections (per-device connections use the device id); "
                    + "default: MQTT_USERNAME")
    String username;

    @Option(names = "--password", paramLabel = "SECRET", defaultValue = "${env:MQTT_PASSWORD}",
            description = "password of every connection; default: MQTT_PASSWORD (which, unlike the option, other "
                    + "users cannot see in the process list)")
    String password;

    @Option(names = "--inventory", paramLabel = "FILE", description = "inventory to play (the YAML the service reads)")
    Path inventory;

    @Option(names = "--generate", paramLabel = "SHAPE",
            description = "generate the fleet instead: district (~420 devices), province (~3,700), country (~100,000)")
    String generate;

    @Option(names = "--devices", paramLabel = "N",
            description = "country size for --generate country; devices that send in --load (first N of the fleet)")
    Integer devices;

    @Option(names = "--write-inventory", paramLabel = "FILE",
            description = "write the (generated) fleet as an inventory file for the service, then exit")
    Path writeInventory;

    @Option(names = "--duration", paramLabel = "ISO", converter = Converters.DurationConverter.class,
            description = "simulated length (PT2H, P7D); unbounded when absent (load mode: wall-clock length)")
    Duration duration;

    @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1", converter = Converters.RateConverter.class,
            description = "simulated seconds per second (60: an hour a minute; max: as fast as the broker takes it;"
                    + " default 1)")
    double speed;

    @Option(names = "--start", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "simulated start (default: now, or now minus --duration when accelerated)")
    Instant start;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed: the same seed and options give the same messages and truth (default 1)")
    long seed;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "faults: none (default), demo (a few faults early, realistic rates) or harsh (5x, 1%% "
                    + "malformed)")
    String profile;

    @Option(names = "--faults", paramLabel = "FILE", description = "faults from a YAML or JSON fault file")
    Path faults;

    @Option(names = "--malformed-rate", paramLabel = "P",
            description = "probability that a status is followed by a malformed/hostile message (overrides the "
                    + "profile's)")
    Double malformedRate;

    @Option(names = "--truth", paramLabel = "FILE", description = "write the ground truth there (JSON lines)")
    Path truth;

    @Option(names = "--interval", paramLabel = "KIND=ISO",
            description = "status interval of a kind, repeatable (loudspeaker=PT60S wifi=PT60S camera=PT60S "
                    + "gateway=PT30S); a device's own interval in the inventory wins")
    Map<String, String> intervals = new LinkedHashMap<>();

    @Option(names = "--connections", paramLabel = "MODE", defaultValue = "auto",
            converter = Converters.ConnectionModeConverter.class,
            description = "per-device, pooled[:K] (K default 16) or auto: per-device up to 2,000 devices "
                    + "(default: ${DEFAULT-VALUE})")
    ConnectionMode connections;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "10000",
            description = "QoS 1 messages awaiting acknowledgement at most (default ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--report-every", paramLabel = "ISO", defaultValue = "PT10S",
            converter = Converters.DurationConverter.class,
            description = "log progress (rate, heap, RSS, CPU) this often (default ${DEFAULT-VALUE})")
    Duration reportEvery;

    @Option(names = "--load", description = "load mode: statuses at --rate from --devices devices, measured")
    boolean load;

    @Option(names = "--rate", paramLabel = "N|max", converter = Converters.RateConverter.class,
            description = "load mode: messages per second in total (default: one status per device per minute)")
    Double rate;

    /** The intervals by kind, checked. */
    Map<DeviceKind, Duration> intervalsByKind() {
        Map<DeviceKind, Duration> result = new EnumMap<>(DeviceKind.class);
        for (Map.Entry<String, String> entry : intervals.entrySet()) {
            DeviceKind kind = DeviceKind.fromWire(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "--interval: '" + entry.getKey() + "' is not loudspeaker, wifi, camera or gateway"));
            try {
                result.put(kind, Duration.parse(entry.getValue()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--interval: '" + entry.getValue()
                        + "' is not an ISO-8601 duration such as PT60S");
            }
        }
        return result;
    }
}

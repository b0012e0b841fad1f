package vn.commune.telemetry.service.broker;

import java.util.List;

/**
 * One account of the broker and what it may do, as the ACL file grants it.
 *
 * @param username its MQTT username (a device's or gateway's id, or a name given on the command line)
 * @param role     what it is
 * @param writes   topic filters it may publish on
 * @param reads    topic filters it may receive from
 */
public record BrokerAccount(String username, Role role, List<String> writes, List<String> reads) {

    /** The kinds of account. */
    public enum Role {
        /** The telemetry service: reads every device's telemetry, sends every command. */
        SERVICE,
        /** A test driver (simulator, benchmark) publishing for any device; for demos, never in production. */
        PUBLISHER,
        /** A commune gateway: its own topics and those of the devices behind it. */
        GATEWAY,
        /** A device: its own topics only. */
        DEVICE
    }

    public BrokerAccount {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
    }
}

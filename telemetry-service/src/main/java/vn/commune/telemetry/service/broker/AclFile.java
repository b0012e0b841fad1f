package vn.commune.telemetry.service.broker;

import java.util.List;
import java.util.Locale;

/** Mosquitto's ACL file for a list of accounts: a {@code user} block per account with its {@code topic} lines. */
public final class AclFile {

    private AclFile() {
    }

    public static String render(List<BrokerAccount> accounts) {
        StringBuilder text = new StringBuilder(accounts.size() * 96);
        text.append("# Mosquitto ACL file written by `telemetry-service broker-accounts` from the inventory.\n")
                .append("# Do not edit: run the command again after an inventory change (docs/broker.md).\n");
        for (BrokerAccount account : accounts) {
            text.append('\n').append("# ").append(account.role().name().toLowerCase(Locale.ROOT))
                    .append('\n').append("user ").append(account.username()).append('\n');
            for (String filter : account.writes()) {
                text.append("topic write ").append(filter).append('\n');
            }
            for (String filter : account.reads()) {
                text.append("topic read ").append(filter).append('\n');
            }
        }
        return text.toString();
    }
}

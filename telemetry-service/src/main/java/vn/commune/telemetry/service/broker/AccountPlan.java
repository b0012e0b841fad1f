package vn.commune.telemetry.service.broker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Topics;

/**
 * The broker accounts an inventory calls for (docs/broker.md), in a stable order: the service, the extra publisher
 * accounts, then every device in inventory order.
 * <ul>
 * <li>a device writes {@code tele/{id}/#} and reads {@code cmd/{id}/#} and {@code cmd/commune/{its commune}/#};</li>
 * <li>a gateway has the same for itself and, for each device that names it as its gateway, writes
 * {@code tele/{device}/#} and reads {@code cmd/{device}/#}, and reads the schedules of those devices' communes;</li>
 * <li>the service reads {@code tele/#} and writes {@code cmd/#};</li>
 * <li>a publisher account (simulator, benchmarks) writes {@code tele/#} and reads {@code cmd/#}, and uses
 * {@code simulator/#} both ways (where the simulator sends itself a marker to know the retained schedules are in).</li>
 * </ul>
 * For the local broker of one commune gateway ({@link #behind}) the accounts are the gateway, with the service's
 * rights there (it reads its devices' telemetry and passes their commands down), and the devices behind it.
 */
public final class AccountPlan {

    /** The simulator's own topics: a marker it publishes to itself ({@code simulator/{clientId}/barrier}). */
    static final String SIMULATOR = "simulator/#";

    private AccountPlan() {
    }

    /**
     * The accounts for this inventory.
     *
     * @throws IllegalArgumentException when an extra account's name is not a valid username or is used twice
     */
    public static List<BrokerAccount> of(Inventory inventory, String serviceAccount, List<String> publisherAccounts) {
        List<BrokerAccount> accounts = new ArrayList<>(inventory.devices().size() + 1 + publisherAccounts.size());
        Set<String> extra = new LinkedHashSet<>();
        checkName(serviceAccount, inventory, extra);
        accounts.add(new BrokerAccount(serviceAccount, BrokerAccount.Role.SERVICE, List.of("cmd/#"),
                List.of(Topics.TELEMETRY_FILTER)));
        for (String publisher : publisherAccounts) {
            checkName(publisher, inventory, extra);
            accounts.add(publisher(publisher));
        }
        for (Device device : inventory.devices()) {
            accounts.add(device.kind() == DeviceKind.GATEWAY ? gateway(inventory, device) : device(inventory, device));
        }
        return accounts;
    }

    /**
     * The accounts of the local broker behind a gateway: the gateway (reads {@code tele/#}, writes {@code cmd/#}), the
     * publisher accounts, and the devices that name it as their gateway.
     *
     * @throws IllegalArgumentException when {@code gatewayId} is not a gateway of the inventory, or a publisher name is
     *                                  not valid
     */
    public static List<BrokerAccount> behind(Inventory inventory, String gatewayId, List<String> publisherAccounts) {
        Device gateway = inventory.device(gatewayId).orElse(null);
        if (gateway == null || gateway.kind() != DeviceKind.GATEWAY) {
            throw new IllegalArgumentException("'" + gatewayId + "' is not a gateway of the inventory");
        }
        List<BrokerAccount> accounts = new ArrayList<>();
        accounts.add(new BrokerAccount(gatewayId, BrokerAccount.Role.GATEWAY, List.of("cmd/#"),
                List.of(Topics.TELEMETRY_FILTER)));
        Set<String> extra = new LinkedHashSet<>();
        for (String publisher : publisherAccounts) {
            checkName(publisher, inventory, extra);
            accounts.add(publisher(publisher));
        }
        for (Device device : inventory.devicesBehind(gatewayId)) {
            accounts.add(device(inventory, device));
        }
        return accounts;
    }

    private static BrokerAccount publisher(String name) {
        return new BrokerAccount(name, BrokerAccount.Role.PUBLISHER, List.of(Topics.TELEMETRY_FILTER, SIMULATOR),
                List.of("cmd/#", SIMULATOR));
    }

    private static BrokerAccount device(Inventory inventory, Device device) {
        List<String> reads = new ArrayList<>(2);
        reads.add(commands(device.id()));
        communeOf(inventory, device).ifPresent(commune -> reads.add(communeCommands(commune)));
        return new BrokerAccount(device.id(), BrokerAccount.Role.DEVICE, List.of(telemetry(device.id())), reads);
    }

    private static BrokerAccount gateway(Inventory inventory, Device gateway) {
        List<Device> behind = inventory.devicesBehind(gateway.id());
        List<String> writes = new ArrayList<>(behind.size() + 1);
        List<String> reads = new ArrayList<>(behind.size() + 2);
        Set<String> communes = new LinkedHashSet<>();
        writes.add(telemetry(gateway.id()));
        reads.add(commands(gateway.id()));
        communeOf(inventory, gateway).ifPresent(communes::add);
        for (Device device : behind) {
            writes.add(telemetry(device.id()));
            reads.add(commands(device.id()));
            communeOf(inventory, device).ifPresent(communes::add);
        }
        for (String commune : communes) {
            reads.add(communeCommands(commune));
        }
        return new BrokerAccount(gateway.id(), BrokerAccount.Role.GATEWAY, writes, reads);
    }

    private static Optional<String> communeOf(Inventory inventory, Device device) {
        return inventory.communeOf(device.placeId()).map(Place::id);
    }

    private static String telemetry(String deviceId) {
        return "tele/" + deviceId + "/#";
    }

    private static String commands(String deviceId) {
        return "cmd/" + deviceId + "/#";
    }

    private static String communeCommands(String communeId) {
        return "cmd/commune/" + communeId + "/#";
    }

    private static void checkName(String name, Inventory inventory, Set<String> taken) {
        if (!Topics.isValidDeviceId(name)) {
            throw new IllegalArgumentException("account name '" + name + "' is not valid: 1 to 64 of A-Z a-z 0-9 _ -,"
                    + " starting with a letter or digit");
        }
        if (inventory.device(name).isPresent()) {
            throw new IllegalArgumentException("account name '" + name + "' is a device of the inventory");
        }
        if (!taken.add(name)) {
            throw new IllegalArgumentException("account name '" + name + "' is given twice");
        }
    }
}

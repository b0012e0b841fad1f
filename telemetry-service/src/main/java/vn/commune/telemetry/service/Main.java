package vn.commune.telemetry.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryException;
import vn.commune.telemetry.service.auth.UserCommand;
import vn.commune.telemetry.service.broker.BrokerAccountsCommand;
import vn.commune.telemetry.service.config.ConfigException;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * {@code java -jar telemetry-service.jar [config.yaml]}, or {@code … user …} to manage users ({@link UserCommand}), or
 * {@code … broker-accounts …} to write the broker's password and ACL files ({@link BrokerAccountsCommand}). The config
 * file is the argument, else {@code CONFIG}, else
 * {@code config/service.yaml} when it exists. A bad setting or inventory stops start-up with one line on standard
 * error and exit code 2; a failure to start (port taken, spool unreadable) exits with 1.
 */
public final class Main {

    /** Exit code for bad configuration or inventory. */
    public static final int EXIT_CONFIG = 2;
    /** Exit code when start-up fails for another reason. */
    public static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Starts the service and returns 0 once it runs (its threads keep the JVM alive), or an exit code. */
    static int run(String[] args, Map<String, String> env) {
        if (args.length > 0 && args[0].equals("user")) {
            return new UserCommand(env, System.in, System.out, System.err)
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && args[0].equals("broker-accounts")) {
            return new BrokerAccountsCommand(env, System.out, System.err)
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        // Netty and Vert.x warm up beside the inventory's reading (seconds for a country), not on the event loop
        Thread warmUp = new Thread(Application::warmUp, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Path file = configFile(args, env);
        ServiceConfig config;
        Inventory inventory;
        try {
            config = ConfigLoader.load(file, env);
            inventory = InventoryStore.readAtStart(config.inventory());
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (InventoryException e) {
            System.err.println("inventory error: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            warmUp.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_START;
        }
        Application app = new Application(config, inventory);
        try {
            app.start().await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("start failed: " + e.getMessage());
            return EXIT_START;
        }
        log.info("Commune Telemetry running: {} devices in {} places, MQTT {}, InfluxDB {}",
                inventory.devices().size(), inventory.places().size(), config.mqtt().url(), config.storage().influxUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping");
            try {
                app.stop().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Stop did not finish cleanly: {}", e.getMessage());
            }
        }, "shutdown"));
        return 0;
    }

    private static Path configFile(String[] args, Map<String, String> env) {
        if (args.length > 0) {
            return Path.of(args[0]);
        }
        String fromEnv = env.get("CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path fallback = Path.of("config", "service.yaml");
        return Files.exists(fallback) ? fallback : null;
    }
}

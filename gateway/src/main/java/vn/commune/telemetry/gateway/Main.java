package vn.commune.telemetry.gateway;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import vn.commune.telemetry.gateway.config.ConfigException;
import vn.commune.telemetry.gateway.config.ConfigReader;
import vn.commune.telemetry.gateway.config.GatewayConfig;

/** {@code java -jar gateway.jar --config gateway.yaml}. Exit 2 on a bad config, 1 when it cannot start. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if ("-h".equals(args[i]) || "--help".equals(args[i])) {
                System.out.println("usage: java -jar gateway.jar --config FILE   (see gateway/README.md)");
                return;
            } else {
                System.err.println("gateway: unknown option '" + args[i] + "' (usage: --config FILE)");
                System.exit(2);
            }
        }
        if (configFile == null) {
            System.err.println("gateway: --config FILE is required (see gateway/README.md)");
            System.exit(2);
        }
        GatewayConfig config;
        try {
            config = ConfigReader.read(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway = new Gateway(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-stop"));
        try {
            gateway.start();
        } catch (Exception e) {
            System.err.println("gateway: cannot start: " + e);
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

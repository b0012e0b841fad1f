package vn.commune.telemetry.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.FleetGenerator;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.inventory.InventoryWriter;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UsersFile;
import vn.commune.telemetry.testsupport.FreePorts;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;

/**
 * The dashboard's first view, measured in Debian's headless Chromium with the network throttled through the DevTools
 * protocol (1.6 Mbit/s each way, 150 ms latency): an admin logged in opens the overview of the whole fleet with an
 * empty cache (cold) and again with the assets cached (warm). Prints the requests, the bytes transferred (as the
 * browser's resource timing counts them: compressed, headers included; the live event stream stays open and is not
 * counted) and the time from navigation to usable (the page marks {@code ct-usable} once devices, 24-hour uptime and
 * alerts are shown), for the sample district and the generated province.
 *
 * <p>{@code ./run bench dashboard [--runs 3] [--service-jar FILE]}
 */
public final class DashboardBench {

    private static final String TOKEN = "bench-token-0123456789";
    private static final String PASSWORD = "bench-password-123";
    private static final String MEASURE = """
            const nav = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const usable = performance.getEntriesByName('ct-usable')[0];
            const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
            return [resources.length + 1, bytes, usable ? Math.round(usable.startTime) : -1];""";

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        Path jar = Path.of("telemetry-service/target/telemetry-service.jar");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--service-jar" -> jar = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --runs --service-jar)");
            }
        }
        System.out.println("Commune Telemetry dashboard: first view of the overview, logged in, in headless Chromium "
                + "throttled to 1.6 Mbit/s and 150 ms latency (DevTools Network.emulateNetworkConditions)");
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Map<String, Inventory> fleets = new java.util.LinkedHashMap<>();
        fleets.put("district (sample)", InventoryReader.read(Path.of("config", "inventory.yaml")));
        fleets.put("province (generated)", FleetGenerator.province(2024));
        try (MqttBroker broker = TestServers.newBroker(); InfluxDb influx = TestServers.newInfluxDb()) {
            int n = 0;
            for (Map.Entry<String, Inventory> fleet : fleets.entrySet()) {
                run(fleet.getKey(), fleet.getValue(), broker, influx, jar, runs, "bench_dashboard_" + (n++));
            }
        }
    }

    private static void run(String name, Inventory inventory, MqttBroker broker, InfluxDb influx, Path jar, int runs,
            String database) throws Exception {
        Path work = Files.createTempDirectory("ct-dashboard-bench-");
        Path inventoryFile = work.resolve("inventory.yaml");
        InventoryWriter.write(inventory, inventoryFile);
        Path users = work.resolve("users.yaml");
        UsersFile.write(users, List.of(new User("admin", "Quản trị", Role.ADMIN, List.of(), false,
                new Passwords().hash(PASSWORD))));
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>(Map.of("MQTT_URL", broker.url(), "MQTT_CLIENT_ID", database,
                "INFLUX_URL", influx.url(), "INFLUX_DB", database, "HTTP_HOST", "127.0.0.1",
                "HTTP_PORT", Integer.toString(port), "API_TOKEN", TOKEN, "INVENTORY", inventoryFile.toString(),
                "DATA_DIR", work.resolve("data").toString(), "USERS_FILE", users.toString()));
        env.put("MQTT_SHARED_GROUP", database);
        try (ServiceProcess service = new ServiceProcess(jar, work, env, port, List.of("-Xmx256m"))) {
            service.awaitReady(Duration.ofSeconds(120));
            List<Device> devices = List.copyOf(inventory.devices());
            try (MqttTestClient client = MqttTestClient.connect(broker.url(), database + "-devices")) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < devices.size(); i++) {
                    // one device in fifty offline: alerts and worst places to show
                    String state = i % 50 == 7 ? "offline" : "online";
                    client.publish("tele/" + devices.get(i).id() + "/state", "{\"v\":1,\"state\":\"" + state
                            + "\",\"ts\":" + (now - 3_600_000) + "}");
                }
                client.flush();
            }
            awaitState(port);
            service.awaitKnown(TOKEN, devices.size(), Duration.ofSeconds(120));
            String base = "http://127.0.0.1:" + port;
            ChromeDriverService driverService = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=" + work.resolve("chromium"), "--window-size=1280,900");
            ChromeDriver browser = new ChromeDriver(driverService, options);
            try {
                browser.executeCdpCommand("Network.enable", Map.of());
                browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                        "latency", 150, "downloadThroughput", 200_000, "uploadThroughput", 200_000));
                browser.get(base + "/");
                await(browser, () -> !browser.findElements(By.id("username")).isEmpty());
                browser.findElement(By.id("username")).sendKeys("admin");
                browser.findElement(By.id("password")).sendKeys(PASSWORD);
                browser.findElement(By.id("login-submit")).click();
                await(browser, () -> !browser.findElements(By.cssSelector("#devices [data-kind]")).isEmpty());
                System.out.printf(Locale.ROOT, "%s: %,d devices in %,d places%n", name, devices.size(),
                        inventory.places().size());
                for (int run = 1; run <= runs; run++) {
                    browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
                    load(browser, base, "cold", run);
                    load(browser, base, "warm", run);
                }
            } finally {
                browser.quit();
                driverService.stop();
            }
        }
    }

    private static void load(ChromeDriver browser, String base, String what, int run) throws Exception {
        browser.get("about:blank");
        browser.get(base + "/");
        await(browser, () -> (Long) browser.executeScript(
                "return performance.getEntriesByName('ct-usable').length") > 0);
        // then every request of the first view finished (the slower figures come after usable): no new one for 2 s
        long count = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 2_000_000_000L) {
            long now = (Long) browser.executeScript("return performance.getEntriesByType('resource').length");
            if (now != count) {
                count = now;
                stableSince = System.nanoTime();
            }
            Thread.sleep(100);
        }
        @SuppressWarnings("unchecked")
        List<Long> figures = (List<Long>) browser.executeScript(MEASURE);
        System.out.printf(Locale.ROOT, "  %s run %d: %2d requests, %6.1f KB transferred, usable after %,5d ms%n", what,
                run, figures.get(0), figures.get(1) / 1024.0, figures.get(2));
    }

    private static void await(ChromeDriver browser, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the page did not get there within 60 s: " + browser.getCurrentUrl());
    }

    private static void awaitState(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/state")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.body().contains("\"ready\":true")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("state not ready");
    }
}

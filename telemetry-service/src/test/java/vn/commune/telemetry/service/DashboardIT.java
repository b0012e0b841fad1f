package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UsersFile;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.MqttTestClient;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * The dashboard in a real headless Chromium (Debian's package, driven by Selenium through Debian's chromedriver),
 * against the real service on a two-tier inventory ([province, commune, village]) whose names include HTML: log in
 * (a wrong password first), see the overview with its figures, alerts and worst areas in Vietnamese, switch to
 * English, shrink to a 360 px phone, log in as a technician who sees only their commune. Screenshots of every screen
 * go to {@code target/screenshots}.
 */
@ExtendWith(TestServersExtension.class)
class DashboardIT {

    private static final String PASSWORD = "mat-khau-bang-dieu-khien";
    private static final String XSS_COMMUNE = "<img src=x onerror=alert(1)>";
    private static final String XSS_VILLAGE = "<script>alert(2)</script>";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WebDriver browser;
    private ChromeDriverService driverService;

    @BeforeEach
    void browser(@TempDir Path profile) throws Exception {
        Files.createDirectories(SHOTS);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--lang=vi",
                        "--window-size=1280,900");
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    private static String inventory(List<String> speakers) {
        StringBuilder yaml = new StringBuilder("version: 1\nlevels: [province, commune, village]\nplaces:\n"
                + "  - id: tinh-thu\n    name: Tỉnh Thử\n    level: province\n    children:\n");
        StringBuilder devices = new StringBuilder("devices:\n");
        String[][] communes = {{"an-binh", "Xã An Bình"}, {"xa-la", XSS_COMMUNE}};
        for (String[] commune : communes) {
            yaml.append("      - id: ").append(commune[0]).append("\n        name: \"")
                    .append(commune[1].replace("\"", "\\\"")).append("\"\n        level: commune\n        children:\n");
            for (int v = 1; v <= 3; v++) {
                String village = commune[0] + "-thon-" + v;
                String name = commune[0].equals("xa-la") && v == 1 ? XSS_VILLAGE : "Thôn " + v;
                yaml.append("          - id: ").append(village).append("\n            name: \"").append(name)
                        .append("\"\n            level: village\n            population: ").append(300 + 50 * v)
                        .append("\n            lat: 22.").append(v).append("\n            lon: 104.1\n");
                for (String kind : List.of("loudspeaker", "wifi")) {
                    String id = (kind.equals("wifi") ? "wifi-" : "ls-") + village;
                    if (kind.equals("loudspeaker")) {
                        speakers.add(id);
                    }
                    devices.append("  - id: ").append(id).append("\n    kind: ").append(kind)
                            .append("\n    place: ").append(village).append("\n");
                }
            }
        }
        return yaml.append(devices).toString();
    }

    private WebElement waitFor(By by) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by), e -> e.isDisplayed());
    }

    private void waitForText(By by, String text) {
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by).getText(), s -> s.contains(text));
    }

    private void shot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void login(String base, String username, String password) {
        browser.get(base + "/");
        WebElement user = waitFor(By.id("username"));
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /** Verifies login, the overview in both languages, escaping, the phone width and a technician's view. */
    @Test
    void overviewInTheBrowser(InfluxDb influx, @TempDir Path tmp) throws Exception {
        List<String> speakers = new ArrayList<>();
        Path inventory = Files.writeString(tmp.resolve("inventory.yaml"), inventory(speakers));
        Path rules = Files.writeString(tmp.resolve("alerts.yaml"), """
                version: 1
                rules:
                  - id: device-offline
                    type: offline
                    severity: critical
                    for: PT1S
                """);
        String hash = new Passwords().hash(PASSWORD);
        Path users = tmp.resolve("users.yaml");
        UsersFile.write(users, List.of(new User("admin", "Quản trị", Role.ADMIN, List.of(), false, hash),
                new User("binh", "Nguyễn Văn Bình", Role.TECHNICIAN, List.of("an-binh"), false, hash),
                new User("hoa", "Trần Thị Hoa", Role.OFFICIAL, List.of("an-binh"), true, hash),
                new User("thu", "Phạm Thu", Role.STAFF, List.of("tinh-thu"), false, hash)));
        // a tile server standing in for the map tiles of dashboard.tile-url: one tiny PNG for every tile
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN"
                + "k+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        java.util.concurrent.atomic.AtomicInteger tiles = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer tileServer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        tileServer.createContext("/tiles/", exchange -> {
            tiles.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        tileServer.start();
        String tileUrl = "http://127.0.0.1:" + tileServer.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp).env("INVENTORY", inventory.toString())
                        .env("USERS_FILE", users.toString()).env("ALERT_RULES", rules.toString())
                        .env("DASHBOARD_TILE_URL", tileUrl).start().awaitStateReady();
                MqttTestClient devices = MqttTestClient.connect(broker.url(), "dashboard-devices")) {
            long now = System.currentTimeMillis();
            for (String id : speakers) {
                devices.publish("tele/" + id + "/state", "{\"v\":1,\"state\":\"online\",\"ts\":" + (now - 60_000)
                        + "}");
                devices.publish("tele/" + id.replace("ls-", "wifi-") + "/state", "{\"v\":1,\"state\":\"online\","
                        + "\"ts\":" + (now - 60_000) + "}");
            }
            // one loudspeaker of the HTML-named commune reported its battery for an hour, then went offline: an
            // alert, the worst area, and a chart
            for (int i = 0; i < 12; i++) {
                devices.publish("tele/ls-xa-la-thon-1/status", "{\"v\":1,\"ts\":" + (now - 3_600_000 + i * 300_000L)
                        + ",\"kind\":\"loudspeaker\",\"power\":\"battery\",\"battery_pct\":" + (90 - 5 * i) + "}");
            }
            devices.publish("tele/ls-xa-la-thon-1/event", "{\"v\":1,\"ts\":" + (now - 600_000)
                    + ",\"type\":\"power_lost\"}");
            devices.publish("tele/ls-xa-la-thon-1/state", "{\"v\":1,\"state\":\"offline\",\"ts\":" + now + "}");
            devices.flush();
            await().atMost(WAIT).until(() -> StateUptimeIT.json(service.get("/api/v1/alerts")).path("alerts")
                    .size() == 1);
            String base = service.base();

            // the page and its assets: a CSP without inline scripts, the assets hashed and cached for good
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self';").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
            Matcher script = Pattern.compile("/assets/(app-[0-9a-f]{12}\\.js)").matcher(page.body());
            assertThat(script.find()).isTrue();
            HttpResponse<String> asset = http.send(HttpRequest.newBuilder(URI.create(base + "/assets/"
                    + script.group(1))).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asset.statusCode()).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("Content-Encoding")).contains("gzip");

            // a wrong password is said so; the right one opens the overview
            login(base, "admin", "sai-mat-khau-roi");
            waitForText(By.id("login-error"), "Sai tên đăng nhập hoặc mật khẩu.");
            shot("login");
            login(base, "admin", PASSWORD);
            waitForText(By.cssSelector("#main h1"), "Tỉnh Thử");
            waitForText(By.id("devices"), "Cụm loa");
            waitForText(By.cssSelector("#devices [data-kind=loudspeaker]"), "5/6 đang hoạt động");
            waitForText(By.id("alerts"), "Mất kết nối");
            waitForText(By.id("uptime-24h"), " %");
            waitForText(By.id("coverage"), "khu dân cư");
            waitForText(By.id("live"), "Cập nhật trực tiếp");
            assertThat(browser.findElement(By.id("uptime-24h")).getText()).containsPattern("\\d+,\\d\\d %");
            // the HTML in names is text: shown as written, never an element, never run
            waitForText(By.id("worst"), XSS_COMMUNE);
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            shot("overview-vi");

            // the alert leads to its device: state, its day as a timeline, a chart of its battery
            browser.findElement(By.cssSelector("#alerts a")).click();
            waitForText(By.cssSelector("#main h1"), "ls-xa-la-thon-1");
            waitForText(By.id("device-state"), "Mất kết nối");
            waitForText(By.id("device-about"), XSS_VILLAGE);
            await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#device-timeline rect")).isEmpty());
            await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#chart-area canvas")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#chart-field option:checked")).getText())
                    .isEqualTo("Pin (%)");
            waitForText(By.id("device-alerts"), "Mất kết nối");
            waitForText(By.id("device-events"), "Mất điện lưới");
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            shot("device");
            browser.navigate().back();
            waitForText(By.id("worst"), XSS_COMMUNE);

            // the alerts screen: acknowledge with a note, silence for an hour, end the silence
            browser.findElement(By.id("nav-alerts")).click();
            waitForText(By.id("alerts-active"), "ls-xa-la-thon-1");
            browser.findElement(By.cssSelector("#alerts-active input.note")).sendKeys("Đang đến thay ắc quy");
            browser.findElement(By.cssSelector("#alerts-active button.ack")).click();
            waitForText(By.id("alerts-active"), "admin đã nhận xử lý");
            waitForText(By.id("alerts-active"), "Đang đến thay ắc quy");
            browser.findElement(By.cssSelector("#alerts-active button.silence")).click();
            waitForText(By.id("alerts-silences"), "ls-xa-la-thon-1 đến");
            waitForText(By.id("alerts-history"), "Mất kết nối");
            shot("alerts");
            assertThat(StateUptimeIT.json(service.get("/api/v1/alerts")).at("/alerts/0/note").asText())
                    .isEqualTo("Đang đến thay ắc quy");
            browser.findElement(By.cssSelector("#alerts-silences button.unsilence")).click();
            waitForText(By.id("alerts-silences"), "Không có.");
            browser.findElement(By.cssSelector("nav a[href='/']")).click();
            waitForText(By.id("worst"), XSS_COMMUNE);

            // drill down one level through the worst areas: the commune, its HTML-named village as text
            browser.findElement(By.linkText(XSS_COMMUNE)).click();
            waitForText(By.cssSelector("#main h1"), XSS_COMMUNE);
            waitForText(By.id("worst"), XSS_VILLAGE);
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            shot("overview-commune");

            // the commune in detail: its villages with uptime and coverage, what is offline now, its devices
            browser.findElement(By.cssSelector("a.details")).click();
            waitForText(By.id("place-children"), XSS_VILLAGE);
            waitForText(By.id("place-outages"), "ls-xa-la-thon-1");
            waitForText(By.id("place-devices"), "1–6 / 6");
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            shot("place");
            browser.navigate().back();
            waitForText(By.cssSelector("#main h1"), XSS_COMMUNE);

            // the map: every village at its coordinates, coloured by state or by a working loudspeaker
            browser.findElement(By.id("nav-map")).click();
            await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("#map-area circle")).size() == 6);
            assertThat(browser.findElement(By.cssSelector("circle[data-place=xa-la-thon-1]"))
                    .getAttribute("data-class")).isEqualTo("some");
            browser.findElement(By.cssSelector("#map-mode option[value=coverage]")).click();
            await().atMost(WAIT).until(() -> "bad".equals(browser.findElement(
                    By.cssSelector("circle[data-place=xa-la-thon-1]")).getAttribute("data-class")));
            assertThat(browser.findElements(By.cssSelector("#map-area image.tile"))).isNotEmpty();
            await().atMost(WAIT).until(() -> tiles.get() > 0);
            shot("map");
            browser.findElement(By.cssSelector("circle[data-place=xa-la-thon-1]")).click();
            waitForText(By.cssSelector("#main h1"), XSS_VILLAGE);
            browser.navigate().back();
            browser.navigate().back();
            waitForText(By.cssSelector("#main h1"), XSS_COMMUNE);

            // the month's report: the province and each commune, with the table as CSV and the full broadcast CSV
            browser.findElement(By.id("nav-reports")).click();
            waitForText(By.id("rep-table"), XSS_COMMUNE);
            waitForText(By.id("rep-table"), "Xã An Bình");
            assertThat(browser.findElement(By.cssSelector("#rep-table tbody tr td:nth-child(2)")).getText())
                    .containsPattern("\\d+,\\d\\d %");
            assertThat(browser.findElement(By.id("rep-csv")).getAttribute("href")).startsWith("blob:");
            shot("reports");

            // users and the audit log, for admins
            browser.findElement(By.id("nav-users")).click();
            waitForText(By.id("users-list"), "Cán bộ xã (duyệt lịch)");
            waitForText(By.id("audit-list"), "/ack");
            shot("users");
            browser.findElement(By.cssSelector("nav a[href='/']")).click();
            waitForText(By.id("worst"), XSS_COMMUNE);
            browser.findElement(By.linkText(XSS_COMMUNE)).click();
            waitForText(By.cssSelector("#main h1"), XSS_COMMUNE);

            // English at a click, kept across a reload
            browser.findElement(By.id("lang")).click();
            waitForText(By.id("devices"), "Devices");
            waitForText(By.cssSelector("#devices [data-kind=loudspeaker]"), "online");
            browser.navigate().refresh();
            waitForText(By.id("alerts"), "Active alerts");
            waitForText(By.id("uptime-24h"), " %");
            assertThat(browser.findElement(By.id("uptime-24h")).getText()).containsPattern("\\d+\\.\\d\\d %");
            shot("overview-en");
            browser.findElement(By.id("lang")).click();
            waitForText(By.id("devices"), "Thiết bị");

            // a technician's phone: 360 px wide, nothing wider than the screen
            browser.manage().window().setSize(new Dimension(360, 780));
            browser.findElement(By.id("logout")).click();
            login(base, "binh", PASSWORD);
            waitForText(By.cssSelector("#main h1"), "Xã An Bình");
            waitForText(By.id("devices"), "3/3");
            List<WebElement> options = browser.findElements(By.cssSelector("#place-select option"));
            assertThat(options).extracting(WebElement::getText).containsExactly("Xã An Bình");
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("horizontal overflow at 360 px").isLessThanOrEqualTo(0);
            shot("overview-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));

            // an official edits the schedule of their commune, approves it, and cannot open another commune's
            browser.findElement(By.id("logout")).click();
            login(base, "hoa", PASSWORD);
            waitForText(By.cssSelector("#main h1"), "Xã An Bình");
            browser.findElement(By.id("nav-broadcasts")).click();
            waitForText(By.id("bc-schedule"), "Chưa có lịch nào được duyệt.");
            assertThat(browser.findElements(By.cssSelector("#commune-select option"))).extracting(WebElement::getText)
                    .containsExactly("Xã An Bình");
            browser.findElement(By.cssSelector("#bc-editor summary")).click();
            browser.findElement(By.id("bc-add")).click();
            browser.findElement(By.cssSelector(".slot-row input[name=id]")).sendKeys("sang");
            browser.findElement(By.cssSelector(".slot-row input[name=program]")).sendKeys("Bản tin sáng");
            browser.findElement(By.id("bc-save")).click();
            waitForText(By.id("bc-editor-message"), "Đã lưu bản nháp phiên bản 1");
            waitForText(By.id("bc-draft"), "Bản tin sáng");
            shot("broadcasts-draft");
            browser.findElement(By.id("bc-approve")).click();
            waitForText(By.id("bc-in-force"), "Đang áp dụng: phiên bản 1, duyệt bởi hoa");
            assertThat(browser.findElement(By.id("bc-emergency")).isDisplayed()).isTrue();
            shot("broadcasts");
            browser.get(base + "/broadcasts?commune=xa-la");
            waitForText(By.id("bc-schedule"), "hoa does not act for xa-la");

            // district staff see the whole province, and edit but do not approve
            browser.findElement(By.id("logout")).click();
            login(base, "thu", PASSWORD);
            waitForText(By.cssSelector("#main h1"), "Tỉnh Thử");
            browser.findElement(By.id("nav-broadcasts")).click();
            waitForText(By.id("bc-schedule"), "Đang áp dụng: phiên bản 1");
            assertThat(browser.findElements(By.id("bc-emergency"))).isEmpty();
        } finally {
            tileServer.stop(0);
        }
    }
}

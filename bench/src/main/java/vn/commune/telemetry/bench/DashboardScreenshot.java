package vn.commune.telemetry.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A screenshot of a dashboard page for the documentation, in Debian's headless Chromium: logs in, opens the page,
 * waits until it is usable and its figures settled, and writes a PNG.
 *
 * <p>{@code java -cp bench/target/bench.jar vn.commune.telemetry.bench.DashboardScreenshot BASE_URL USER PASSWORD
 * PATH OUT.png [WIDTHxHEIGHT]}
 */
public final class DashboardScreenshot {

    private DashboardScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DashboardScreenshot BASE_URL USER PASSWORD PATH OUT.png [WIDTHxHEIGHT]");
            System.exit(2);
        }
        String size = args.length > 5 ? args[5] : "1280x900";
        Path profile = Files.createTempDirectory("ct-shot-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + size.replace('x', ',')));
        try {
            browser.get(args[0] + "/");
            until(() -> !browser.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys(args[1]);
            browser.findElement(By.id("password")).sendKeys(args[2]);
            browser.findElement(By.id("login-submit")).click();
            until(() -> !browser.findElements(By.id("logout")).isEmpty());
            browser.get(args[0] + args[3]);
            until(() -> browser.findElements(By.xpath("//*[text()='…']")).isEmpty());
            Thread.sleep(1_500);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of(args[4]),
                    StandardCopyOption.REPLACE_EXISTING);
            System.out.println("wrote " + args[4]);
        } finally {
            browser.quit();
            service.stop();
        }
    }

    private static void until(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the page did not settle within 60 s");
    }
}

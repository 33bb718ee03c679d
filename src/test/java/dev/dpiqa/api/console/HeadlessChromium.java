package dev.dpiqa.api.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (installed by .ci/run): a real browser, with
 * nothing downloaded at run time. Other locations: CHROME_BIN and CHROMEDRIVER. Where neither is installed the
 * browser tests are skipped, except under CI, where that is a failure.
 */
final class HeadlessChromium {

    private static final String BROWSER = env("CHROME_BIN", "/usr/bin/chromium");
    private static final String DRIVER = env("CHROMEDRIVER", "/usr/bin/chromedriver");
    /** Where screenshots go: docs/console to refresh the documentation's, else the build folder. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots",
            "target/console-screenshots"));

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        boolean installed = Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER));
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("no chromium at " + BROWSER + " with chromedriver at " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        // As root in a container: no sandbox; no background traffic to anyone (updates, sync, metrics).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--force-device-scale-factor=1", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--metrics-recording-only", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves the viewport as {@code <name>.png} in the screenshot folder, scrolled to {@code from}'s top. */
    static void screenshot(ChromeDriver driver, String name, WebElement from) {
        driver.executeScript("window.scrollTo(0, 0); if (arguments[0]) arguments[0].scrollIntoView(true);"
                + " document.activeElement.blur();", from);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

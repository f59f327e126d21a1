package com.chimti.ai.app.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its {@code /usr/bin/chromedriver} (never Selenium Manager, which would
 * try the network), with a fresh profile and the flags that keep it off this machine's closed network. When
 * Chromium is missing the test is skipped, unless {@code AI_TEST_BROWSER=required} (CI), where it fails.
 * Screenshots are written only when {@code -Dconsole.screenshots=<folder>} names where.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(60);

    final ChromeDriver driver;
    final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** Starts Chromium with its profile and downloads under {@code dir}; skips or fails when it is missing. */
    static Browser start(Path dir) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("AI_TEST_BROWSER"))) {
            throw new AssertionError("AI_TEST_BROWSER=required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1360,900", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(driver, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code url} as a new document (not a jump within the page shown, when only the fragment differs). */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
        until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The text content of the first element matching {@code css} (as written, not as styled), or "". */
    String text(String css) {
        return driver.findElements(By.cssSelector(css)).stream().findFirst()
                .map(element -> element.getDomProperty("textContent")).orElse("");
    }

    /** Waits for {@code condition}; on timeout the failure shows what the page showed, and its console. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            // the console re-renders what it shows; an element read while it is replaced is read again
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException timedOut) {
            throw new AssertionError("the page did not get there within " + WAIT + "; it shows:\n"
                    + driver.findElement(By.tagName("body")).getText() + "\nits session storage: "
                    + driver.executeScript("return JSON.stringify(sessionStorage)") + "\nits console:\n"
                    + driver.manage().logs().get(LogType.BROWSER).getAll(), timedOut);
        }
    }

    /** Waits until the element matching {@code css} shows exactly {@code text}. */
    void untilText(String css, String text) {
        until(d -> text.equals(text(css)) ? true : null);
    }

    /** A PNG of the page as {@code name}.png, when {@code -Dconsole.screenshots} names a folder. */
    void screenshot(String name) {
        String folder = System.getProperty("console.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        // relative to the repository (the tests run in ai-app/), so -Dconsole.screenshots=docs/images lands there
        Path base = Path.of(System.getProperty("repo.root", ".."));
        try {
            Path target = Files.createDirectories(base.resolve(folder)).resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

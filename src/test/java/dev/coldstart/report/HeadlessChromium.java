package dev.coldstart.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver. Both paths are given explicitly so that
 * Selenium Manager never runs and nothing is downloaded. Absent browser: the test is skipped, except
 * when the environment variable CI is set, where it fails (CI must run the browser tests; .ci/run
 * installs chromium and chromium-driver).
 *
 * <p>Every page gets, before its own scripts, a recorder of {@code alert} calls and uncaught
 * errors; console errors are read from the browser log.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Screenshots and figures the browser tests leave behind. */
  static final Path ARTIFACTS = Path.of("target", "browser-tests");

  private static final String RECORDER =
      "window.__alerts = []; window.__errors = [];"
          + "['alert', 'confirm', 'prompt'].forEach(function (f) {"
          + "  window[f] = function (m) { window.__alerts.push(f + ':' + String(m)); }; });"
          + "window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });";

  final ChromeDriver driver;
  private final Path profileDir;

  private HeadlessChromium(ChromeDriver driver, Path profileDir) {
    this.driver = driver;
    this.profileDir = profileDir;
  }

  /** Starts the browser, or skips the calling test when it is not installed (fails under CI). */
  static HeadlessChromium start() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String why = "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI is set, so the browser tests must run: " + why);
    } else {
      assumeTrue(present, why);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profileDir = Files.createTempDirectory("coldstart-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + profileDir);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    d.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
    return new HeadlessChromium(d, profileDir);
  }

  /** Opens a file and waits until the report says it has rendered; returns its render time (ms). */
  double open(Path file) {
    driver.get(file.toUri().toString());
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> ((ChromeDriver) d).executeScript("return document.documentElement.getAttribute('data-render-ms')") != null);
    return Double.parseDouble((String) driver.executeScript("return document.documentElement.getAttribute('data-render-ms')"));
  }

  /** Console errors and uncaught exceptions so far (the browser log is drained). */
  List<String> errors() {
    List<String> out = new java.util.ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    Object js = driver.executeScript("return window.__errors || []");
    ((List<?>) js).forEach(x -> out.add("uncaught: " + x));
    return out;
  }

  /** Dialogs the page tried to open: recorded calls, or one actually showing. */
  List<String> alerts() {
    List<String> out = new java.util.ArrayList<>();
    try {
      out.add("dialog showing: " + driver.switchTo().alert().getText());
    } catch (NoAlertPresentException expected) {
      // None showing.
    }
    ((List<?>) driver.executeScript("return window.__alerts || []")).forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  Path screenshot(String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Path out = ARTIFACTS.resolve(name);
    Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var s = Files.walk(profileDir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

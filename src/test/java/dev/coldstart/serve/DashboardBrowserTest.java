package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium: refused without the token; opened by the printed URL
 * (cookie set, token gone from the address bar); start a profile from the page, watch its runs
 * arrive live, see the result; a reload gets in by the cookie. Skipped when chromium or chromedriver is absent, unless CI is set (then it
 * must run; .ci/run installs them). Both paths are given explicitly, so Selenium never downloads a
 * browser. The screenshots go to target/browser-tests/.
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path ARTIFACTS = Path.of("target", "browser-tests");
  private static final Duration LONG = Duration.ofSeconds(120);

  @TempDir Path dir;
  @TempDir Path browserProfile;

  @Test
  void aProfileStartedFromThePageArrivesLiveAndShowsItsResult() throws Exception {
    try (ServerFixture f = new ServerFixture(dir)) {
      ChromeDriver d = chromium(browserProfile);
      try {
        // Without the token the page is not served.
        d.get(f.door.toString());
        assertThat(d.findElement(By.tagName("body")).getText()).contains("unauthorized").contains("?token=");
        assertThat(d.findElements(By.id("start-form"))).isEmpty();
        // The page and the browser's own favicon request were refused; reading the log empties it.
        assertThat(consoleErrors(d)).isNotEmpty().allMatch(e -> e.contains("status of 401"));

        // The printed URL: the page signs the browser in with a cookie and drops the token from the address bar.
        d.get(f.url.toString());
        WebDriverWait wait = new WebDriverWait(d, LONG);
        wait.until(x -> d.findElement(By.id("connection")).getText().equals("live"));
        assertThat(d.getCurrentUrl()).isEqualTo(f.door.toString());
        Cookie cookie = d.manage().getCookieNamed("coldstart-" + f.url.getPort());
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat((String) d.executeScript("return document.cookie")).doesNotContain(f.token.value());
        assertThat((String) d.executeScript("return location.href + ' ' + history.length")).doesNotContain(f.token.value());
        assertThat(d.findElement(By.id("recent-empty")).isDisplayed()).isTrue();

        // Each run sleeps a little so that, on a quiet machine too, the runs arrive over ~3 s and the
        // page can be seen following them (12 runs of a bare `import json` finish in ~0.4 s).
        d.findElement(By.id("target")).sendKeys("-c \"import json, time; time.sleep(0.2)\"");
        WebElement runs = d.findElement(By.id("runs"));
        runs.clear();
        runs.sendKeys("6");
        d.findElement(By.id("start-button")).click();

        // Live: the job shows, run rows arrive one by one while it runs, the median follows.
        wait.until(x -> d.findElement(By.id("live-status")).getText().equals("running"));
        assertThat(d.findElement(By.id("live-target")).getText()).isEqualTo("-c import json, time; time.sleep(0.2)");
        List<Integer> rowCounts = new ArrayList<>();
        long deadline = System.nanoTime() + LONG.toNanos();
        String status;
        do {
          rowCounts.add(d.findElements(By.cssSelector("#runs-body tr.run")).size());
          status = d.findElement(By.id("live-status")).getText();
          if (rowCounts.get(rowCounts.size() - 1) == 4) {
            screenshot(d, "dashboard-live.png");
          }
          Thread.sleep(50);
        } while (status.equals("running") && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("finished");
        // Rows came in several steps (not all at once at the end): the page followed the runs live.
        assertThat(rowCounts.stream().distinct().filter(n -> n > 0 && n < 12).count()).as(rowCounts.toString()).isGreaterThanOrEqualTo(2);
        assertThat(d.findElements(By.cssSelector("#runs-body tr.run"))).hasSize(12); // 6 target + 6 bare
        assertThat(d.findElements(By.cssSelector("#runs-body tr.run.target"))).hasSize(6);
        assertThat(d.findElement(By.id("stat-median")).getText()).matches("\\d+\\.\\d\\d ms over 6");
        assertThat(d.findElement(By.id("progress-bar")).getAttribute("style")).contains("100");
        // No results store here: the history panel says so instead of drawing.
        wait.until(x -> d.findElement(By.id("history-note")).getText().contains("no results store"));
        assertThat(d.findElement(By.id("history-chart")).getText()).contains("no recorded history");

        // The result: facts, and the full report in its frame.
        wait.until(x -> d.findElement(By.id("result")).isDisplayed());
        assertThat(d.findElement(By.id("result-target")).getText()).isEqualTo("-c import json, time; time.sleep(0.2)");
        assertThat(d.findElement(By.id("result-facts")).getText()).contains("wall time").contains("above bare");
        wait.until(x -> d.findElements(By.cssSelector("#recent-body tr.recent")).size() == 1);
        assertThat(d.findElement(By.id("recent-body")).getText()).contains("-c import json");
        d.switchTo().frame(d.findElement(By.id("report")));
        wait.until(x -> d.executeScript("return document.documentElement.getAttribute('data-render-ms')") != null);
        assertThat(d.findElement(By.tagName("body")).getText()).contains("json");
        d.switchTo().defaultContent();
        Path shot = screenshot(d, "dashboard-finished.png");
        assertThat(Files.size(shot)).isGreaterThan(10_000);

        assertThat(consoleErrors(d)).isEmpty();
        assertThat(f.outcomes.poll()).extracting(ProfileRunner.Outcome::status).isEqualTo("finished");

        // A reload, now without the token in the URL, still gets in by the cookie.
        d.navigate().refresh();
        wait.until(x -> d.findElement(By.id("connection")).getText().equals("live"));
        wait.until(x -> d.findElements(By.cssSelector("#recent-body tr.recent")).size() == 1);
        assertThat(consoleErrors(d)).isEmpty();
      } finally {
        d.quit();
      }
    }
  }

  /**
   * {@code serve --open} hands the browser a local file that forwards to the printed URL. That
   * navigation starts outside the site, and a SameSite=Strict cookie is not sent on redirects of
   * such a navigation: so the server answers the token URL with the page itself, and the page's own
   * requests (same site) carry the cookie. This is the file as ServeTokenProcessTest checks it.
   */
  @Test
  void thePageOpenedFromTheOpenFileIsSignedIn() throws Exception {
    try (ServerFixture f = new ServerFixture(dir)) {
      Path opener = dir.resolve("open.html");
      Files.writeString(opener, "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=" + f.url + "\">");
      ChromeDriver d = chromium(browserProfile);
      try {
        d.get(opener.toUri().toString());
        WebDriverWait wait = new WebDriverWait(d, LONG);
        wait.until(x -> d.findElement(By.id("connection")).getText().equals("live"));
        assertThat(d.getCurrentUrl()).isEqualTo(f.door.toString());
        wait.until(x -> d.findElement(By.id("info")).getText().contains(dir.toString()));
        assertThat(consoleErrors(d)).isEmpty();
      } finally {
        d.quit();
      }
    }
  }

  static ChromeDriver chromium(Path profile) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String why = "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI is set, so the browser tests must run: " + why);
    } else {
      assumeTrue(present, why);
    }
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
        "--window-size=1300,1400",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    d.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", "window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });"));
    return d;
  }

  static List<String> consoleErrors(ChromeDriver d) {
    List<String> out = new ArrayList<>();
    for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    ((List<?>) d.executeScript("return window.__errors || []")).forEach(x -> out.add("uncaught: " + x));
    return out;
  }

  static Path screenshot(ChromeDriver d, String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Path out = ARTIFACTS.resolve(name);
    Files.write(out, d.getScreenshotAs(OutputType.BYTES));
    return out;
  }
}

package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.report.Histories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's charts in Debian's headless Chromium: the live chart gains a point per run as the
 * runs arrive, with the running median and its band; the history chart of the same entry (from a
 * {@link HistorySource}) draws every commit and marks the change point; nothing is fetched from
 * anywhere but the dashboard itself.
 */
class DashboardChartsBrowserTest {
  private static final Duration LONG = Duration.ofSeconds(120);
  private static final String TARGET = "-c \"import json, time; time.sleep(0.2)\"";

  @TempDir Path dir;
  @TempDir Path browserProfile;

  @Test
  void theLiveChartGrowsPerRunAndTheHistoryOfTheEntryShowsItsChangePoint() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    HistorySource store =
        new HistorySource() {
          @Override
          public String history(String entry) {
            asked.add(entry);
            return Histories.of(entry, Histories.medians(48, 30, 30, 0.15, 2)).toString();
          }

          @Override
          public String describe() {
            return "test store";
          }
        };
    try (ServerFixture f = new ServerFixture(dir, store)) {
      ChromeDriver d = DashboardBrowserTest.chromium(browserProfile);
      try {
        d.get(f.url.toString());
        WebDriverWait wait = new WebDriverWait(d, LONG);
        wait.until(x -> d.findElement(By.id("connection")).getText().equals("live"));
        assertThat(d.findElement(By.id("live-chart")).getText()).contains("start a profile");

        d.findElement(By.id("target")).sendKeys(TARGET);
        WebElement runs = d.findElement(By.id("runs"));
        runs.clear();
        runs.sendKeys("6");
        d.findElement(By.id("start-button")).click();
        wait.until(x -> d.findElement(By.id("live-status")).getText().equals("running"));

        // Poll while it runs: the number of dots follows the number of finished runs.
        List<Integer> dotCounts = new ArrayList<>();
        List<Integer> historyAsksWhileRunning = new ArrayList<>();
        List<Double> drawMs = new ArrayList<>();
        long deadline = System.nanoTime() + LONG.toNanos();
        String status;
        do {
          int dots = d.findElements(By.cssSelector("#live-chart g.series g.point")).size();
          dotCounts.add(dots);
          Object ms = d.executeScript("return document.getElementById('live-chart').dataset.drawMs || null");
          if (ms != null) {
            drawMs.add(Double.parseDouble((String) ms));
          }
          // Asks counted before the status is read: an ask seen with "running" came while running.
          int asksSoFar = asked.size();
          status = d.findElement(By.id("live-status")).getText();
          if (status.equals("running")) {
            historyAsksWhileRunning.add(asksSoFar);
          }
          if (dots == 6) {
            DashboardBrowserTest.screenshot(d, "dashboard-live-chart.png");
          }
          Thread.sleep(50);
        } while (status.equals("running") && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("finished");
        wait.until(x -> d.findElements(By.cssSelector("#live-chart g.series g.point")).size() == 12);
        assertThat(dotCounts.stream().distinct().filter(n -> n > 0 && n < 12).count())
            .as("dots seen while running: %s", dotCounts)
            .isGreaterThanOrEqualTo(2);
        // One dot per measured run, of its kind, matching the rows of the run table.
        assertThat(d.findElements(By.cssSelector("#live-chart g.series.target g.point"))).hasSize(6);
        assertThat(d.findElements(By.cssSelector("#live-chart g.series.bare g.point"))).hasSize(6);
        List<String> chartRuns = new ArrayList<>();
        d.findElements(By.cssSelector("#live-chart g.series.target g.point")).forEach(e -> chartRuns.add(e.getAttribute("data-run")));
        List<String> tableRuns = new ArrayList<>();
        d.findElements(By.cssSelector("#runs-body tr.run.target")).forEach(e -> tableRuns.add(e.getAttribute("data-index")));
        assertThat(chartRuns).containsExactlyInAnyOrderElementsOf(tableRuns);
        // The running median of each kind (a point per run) and its band.
        assertThat(d.findElement(By.cssSelector("#live-chart polyline.line.target")).getAttribute("points").split(" ")).hasSize(6);
        assertThat(d.findElement(By.cssSelector("#live-chart polyline.line.bare")).getAttribute("points").split(" ")).hasSize(6);
        assertThat(d.findElements(By.cssSelector("#live-chart path.band"))).hasSize(2);
        // The last running median is the median the page prints.
        String median = d.findElement(By.id("stat-median")).getText().replaceAll(" ms over.*", "");
        assertThat(d.findElement(By.cssSelector("#live-chart polyline.line.target title")).getAttribute("textContent"))
            .contains("running median " + median + " ms");

        // The store is not read while the runs are timed, only once they are done.
        assertThat(historyAsksWhileRunning).isNotEmpty().containsOnly(0);
        // The history of the same entry, from the store: every commit, the change point marked.
        wait.until(x -> "drawn".equals(d.findElement(By.id("history-chart")).getAttribute("data-state")));
        assertThat(asked).containsExactly(d.findElement(By.id("live-target")).getText());
        assertThat(d.findElements(By.cssSelector("#history-chart g.series g.point"))).hasSize(48);
        List<WebElement> marks = d.findElements(By.cssSelector("#history-chart g.change-point"));
        assertThat(marks).hasSize(1);
        assertThat(marks.getFirst().getAttribute("data-index")).isEqualTo("30");
        assertThat(marks.getFirst().getText()).startsWith(Histories.sha(30).substring(0, 8));
        assertThat(d.findElement(By.id("history-note")).getText()).contains("48 commits, 1 change point");
        DashboardBrowserTest.screenshot(d, "dashboard-charts.png");

        // Nothing came from anywhere but this server.
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) d.executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        String origin = "http://" + f.url.getAuthority() + "/";
        assertThat(urls).isNotEmpty().allMatch(u -> u.startsWith(origin), "starts with " + origin);
        assertThat(DashboardBrowserTest.consoleErrors(d)).isEmpty();

        double worst = drawMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Files.createDirectories(Path.of("target", "browser-tests"));
        Files.writeString(
            Path.of("target", "browser-tests", "live-chart-draw-ms.txt"),
            String.format(Locale.ROOT, "live chart redraw, 12 runs: worst %.2f ms over %d samples%n", worst, drawMs.size()));
      } finally {
        d.quit();
      }
    }
  }
}

package dev.coldstart.serve;

import dev.coldstart.python.Interpreters;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does the dashboard's live chart slow the measured target? A dashboard and a headless Chromium
 * with the page open; profiles of the same target started from the page, alternately with the
 * chart drawing and with "draw" unticked (the chart does no work), in one go; each profile's median
 * target wall time compared between the two (Hodges-Lehmann shift with its 95 % interval, and the
 * ratio of medians). Run by bench/live-chart.sh, which prints its Markdown. Not a test.
 *
 * <p>usage: LiveChartBench PAIRS RUNS TARGET
 */
public final class LiveChartBench {
  private LiveChartBench() {}

  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    String target = args[2];
    Path dir = Files.createTempDirectory("coldstart-live-chart-");
    Path profile = Files.createTempDirectory("coldstart-chromium-");
    AccessToken token = AccessToken.random();
    JsonMapper json = JsonMapper.builder().build();
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    List<Double> drawMs = new ArrayList<>();
    try (DashboardServer server =
        DashboardServer.start(
            new DashboardServer.Options(
                "127.0.0.1", 0, Interpreters.probe(Pythons.python3()), dir, line -> {}, Optional.of(token)))) {
      ChromeDriver d = DashboardBrowserTest.chromium(profile);
      try {
        d.get(server.url().toString());
        WebDriverWait wait = new WebDriverWait(d, Duration.ofMinutes(10));
        wait.until(x -> d.findElement(By.id("connection")).getText().equals("live"));
        d.findElement(By.id("target")).sendKeys(target);
        WebElement runsBox = d.findElement(By.id("runs"));
        runsBox.clear();
        runsBox.sendKeys(String.valueOf(runs));
        for (int i = 0; i < 2 * pairs; i++) {
          // Order within a pair flips every pair: ON OFF, OFF ON, ON OFF, ...
          boolean draw = (i % 2 == 0) == (i / 2 % 2 == 0);
          WebElement box = d.findElement(By.id("live-draw"));
          if (box.isSelected() != draw) {
            box.click();
          }
          d.findElement(By.id("start-button")).click();
          wait.until(x -> d.findElement(By.id("live-status")).getText().equals("running"));
          wait.until(x -> !d.findElement(By.id("live-status")).getText().equals("running"));
          if (!d.findElement(By.id("live-status")).getText().equals("finished")) {
            throw new IllegalStateException("profile " + i + " ended " + d.findElement(By.id("live-status")).getText());
          }
          if (draw) {
            String ms = (String) d.executeScript("return document.getElementById('live-chart').dataset.drawMs || null");
            if (ms != null) {
              drawMs.add(Double.parseDouble(ms));
            }
            int dots = d.findElements(By.cssSelector("#live-chart g.series.target g.point")).size();
            if (dots != runs) {
              throw new IllegalStateException("chart drew " + dots + " of " + runs + " runs");
            }
          }
          // The profile is saved before job_finished is sent (docs/serve.md), so the list has it.
          JsonNode list =
              json.readTree((String) d.executeAsyncScript(
                  "var done = arguments[0]; fetch('/api/profiles').then(r => r.text()).then(done);"));
          double wall = list.path("profiles").get(0).path("wallMs").asDouble();
          (draw ? on : off).add(wall);
          System.err.printf(Locale.ROOT, "live-chart: profile %d, draw %s: median wall %.2f ms%n", i + 1, draw, wall);
        }
      } finally {
        d.quit();
      }
    }
    double[] a = off.stream().mapToDouble(Double::doubleValue).toArray();
    double[] b = on.stream().mapToDouble(Double::doubleValue).toArray();
    Shift shift = Shift.between(a, b);
    Estimate offE = Estimate.of(a);
    Estimate onE = Estimate.of(b);
    double[] ratios = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      ratios[p] = b[p] / a[p];
    }
    Estimate ratio = Estimate.of(ratios);
    System.out.printf(Locale.ROOT, "| | profiles | median of the profiles' median target wall ms [95 %% interval] |%n|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| chart off (\"draw\" unticked) | %d | %.2f [%.2f, %.2f] |%n", a.length, offE.median(), offE.low(), offE.high());
    System.out.printf(Locale.ROOT, "| chart drawing | %d | %.2f [%.2f, %.2f] |%n%n", b.length, onE.median(), onE.low(), onE.high());
    System.out.printf(
        Locale.ROOT,
        "Shift with the chart (Hodges-Lehmann, drawing minus off): %+.2f ms [%.2f, %.2f] (%.0f %% interval), p = %.2f."
            + " Pair ratio (drawing / off, pairs in run order): median %.3f [%.3f, %.3f] (%.0f %% interval)."
            + " Largest redraw seen at the end of a profile: %.1f ms.%n",
        shift.estimate(), shift.low(), shift.high(), 100 * shift.coverage(), shift.pValue(),
        ratio.median(), ratio.low(), ratio.high(), 100 * ratio.coverage(),
        drawMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
  }
}

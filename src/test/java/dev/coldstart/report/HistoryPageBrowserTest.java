package dev.coldstart.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history page (HistoryPage, drawn by chart.js) in Debian's headless Chromium: a point per
 * commit with its interval, the change point marked at its commit with its shift, markup in
 * subjects shown as text, nothing loaded from the network.
 */
class HistoryPageBrowserTest {
  private static HeadlessChromium browser;
  @TempDir static Path tmp;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theHistoryChartDrawsEveryCommitAndMarksTheChangePoint() throws IOException {
    ObjectNode doc = Histories.of("fleet.version", Histories.medians(64, 48, 40, 0.10, 3));
    Path json = tmp.resolve("history.json");
    Files.writeString(json, doc.toPrettyString(), StandardCharsets.UTF_8);
    Path html = tmp.resolve("history.html");
    CliRun r = CliRun.of("report", json.toString(), "--format", "html", "-o", html.toString());
    assertThat(r.exit()).as(r.err()).isZero();

    browser.open(html);
    var d = browser.driver;
    List<WebElement> points = d.findElements(By.cssSelector("svg.history g.series g.point"));
    assertThat(points).hasSize(64);
    assertThat(d.findElements(By.cssSelector("svg.history g.point line.interval"))).hasSize(64);
    List<WebElement> marks = d.findElements(By.cssSelector("svg.history g.change-point"));
    assertThat(marks).hasSize(1);
    WebElement mark = marks.getFirst();
    assertThat(mark.getAttribute("data-index")).isEqualTo("40");
    assertThat(mark.getAttribute("data-commit")).isEqualTo(Histories.sha(40));
    assertThat(mark.getText()).startsWith(Histories.sha(40).substring(0, 8) + " +").contains("ms (+10 %)");
    // The marker sits between commit 39 and commit 40.
    double x39 = cx(d.findElement(By.cssSelector("svg.history g.point[data-index='39'] circle")));
    double x40 = cx(d.findElement(By.cssSelector("svg.history g.point[data-index='40'] circle")));
    double xm = Double.parseDouble(mark.findElement(By.tagName("line")).getAttribute("x1"));
    assertThat(xm).isStrictlyBetween(x39, x40);
    // Higher medians draw higher (smaller y): the level after the step is above the one before.
    List<WebElement> levels = d.findElements(By.cssSelector("svg.history polyline.level"));
    assertThat(levels).hasSize(2);
    assertThat(firstY(levels.get(1))).isLessThan(firstY(levels.get(0)));
    assertThat(d.findElement(By.cssSelector("table.change-points")).getText()).contains("commit 40", Histories.sha(40).substring(0, 12));
    // Markup in a subject is text (the tooltip title of point 3), and nothing came from the network.
    assertThat(d.findElement(By.cssSelector("svg.history g.point[data-index='3'] title")).getAttribute("textContent"))
        .contains("<img src=x onerror=alert(1)>");
    assertThat(d.findElements(By.tagName("img"))).isEmpty();
    assertThat(((Number) browser.js("return performance.getEntriesByType('resource').length")).intValue()).isZero();
    browser.screenshot("history-report.png");
    assertThat(browser.alerts()).isEmpty();
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void anEmptyHistorySaysSo() throws IOException {
    Path html = tmp.resolve("empty.html");
    Files.writeString(html, HistoryPage.html("{\"schema\":\"coldstart.history/1\",\"series\":[]}"));
    browser.open(html);
    assertThat(browser.driver.findElement(By.cssSelector("p.empty-history")).getText()).contains("No results recorded");
    assertThat(browser.errors()).isEmpty();
  }

  private static double cx(WebElement circle) {
    return Double.parseDouble(circle.getAttribute("cx"));
  }

  private static double firstY(WebElement polyline) {
    return Double.parseDouble(polyline.getAttribute("points").split(" ")[0].split(",")[1]);
  }
}

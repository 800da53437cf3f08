package dev.coldstart.report;

import static dev.coldstart.report.Profiles.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.cli.CliRun;
import dev.coldstart.profile.Profile;
import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTML report in a real browser (Debian's Chromium, headless): the demo project's profile
 * (zoom, why panel, sorting, filtering, no console errors, a screenshot in target/browser-tests/),
 * hostile names, and a 2,000-module profile's size and render time.
 */
class HtmlReportBrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
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

  /** Profiles the demo project (fleet) with the real python3 and renders it with the CLI. */
  private static Path demoReport() throws IOException {
    Path project = tmp.resolve("demo");
    Path src = Path.of("src/main/resources/dev/coldstart/demo/fleet");
    Files.createDirectories(project.resolve("fleet"));
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, project.resolve("fleet").resolve(f.getFileName()));
      }
    }
    Path main = project.resolve("main.py");
    Files.writeString(main, "import fleet.version\n");
    Path json = tmp.resolve("demo.json");
    CliRun r =
        CliRun.of("profile", main.toString(), "--runs", "3", "--warmup", "0", "--format", "json", "-o", json.toString(), "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Path html = tmp.resolve("demo.html");
    CliRun h = CliRun.of("report", json.toString(), "--format", "html", "-o", html.toString());
    assertThat(h.exit()).as(h.err()).isZero();
    return html;
  }

  @Test
  void demoReportZoomsExplainsSortsAndFilters() throws IOException {
    Path html = demoReport();
    browser.open(html);
    var d = browser.driver;
    assertThat(d.findElement(By.id("target")).getText()).contains("main.py");
    assertThat(d.findElement(By.id("facts")).getText()).contains("interpreter", "CPython", "runs", "3 measured", "machine", "constraints", "none");

    // Zoom: click fleet.protocols; it then spans the whole chart and its subtree widens.
    double chartWidth = width(d.findElement(By.id("icicle")));
    double calibrationBefore = width(box("fleet.calibration"));
    box("fleet.protocols").click();
    assertThat(width(box("fleet.protocols"))).isCloseTo(chartWidth, org.assertj.core.data.Offset.offset(2.0));
    assertThat(width(box("fleet.calibration"))).isGreaterThan(calibrationBefore * 1.2);
    assertThat(d.findElement(By.id("crumbs")).getText()).contains("fleet.version", "fleet", "fleet.protocols");
    assertThat(d.findElements(By.cssSelector("#icicle g.node[data-name='fleet.server']"))).isEmpty();

    // Why panel: the selected module, its chain from the target with file paths.
    assertThat(d.findElement(By.id("why-module")).getText()).isEqualTo("fleet.protocols");
    String why = d.findElement(By.id("why-body")).getText();
    assertThat(why).contains("fleet.version", "fleet/__init__.py", "fleet/protocols.py", "cumulative");
    // The tree path runs from the target down: version.py's row encloses the parent __init__'s.
    // (Above it, "Imports that bring it in" lists the recorded statements, __init__.py first.)
    String path = why.substring(why.indexOf("Path in the import tree"));
    assertThat(path.indexOf("fleet/version.py")).isLessThan(path.indexOf("fleet/__init__.py"));

    // Hover: the tooltip shows self, cumulative and the interval, and the file.
    new Actions(d).moveToElement(box("fleet.calibration")).perform();
    String tip = d.findElement(By.id("tooltip")).getText();
    assertThat(tip).contains("fleet.calibration", "self", "cumulative", "[", "fleet/calibration.py");

    // Zoom out with the crumb.
    d.findElement(By.cssSelector("#crumbs button[data-id='all']")).click();
    assertThat(d.findElements(By.cssSelector("#icicle g.node[data-name='fleet.server']"))).isNotEmpty();

    // Sort by self time, descending then ascending.
    d.findElement(By.cssSelector("#module-table th[data-key='self']")).click();
    List<Double> self = column("self");
    assertThat(self).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(firstRow()).isEqualTo("fleet.calibration"); // the demo's deliberately slow body
    d.findElement(By.cssSelector("#module-table th[data-key='self']")).click();
    assertThat(column("self")).isSorted();
    d.findElement(By.cssSelector("#module-table th[data-key='name']")).click();
    List<String> names = visibleNames();
    assertThat(names).isSortedAccordingTo(String::compareTo);

    // Filter: only fleet's modules stay, and the count says so.
    d.findElement(By.id("filter")).sendKeys("fleet/");
    List<String> shown = visibleNames();
    assertThat(shown).containsExactlyInAnyOrder("fleet", "fleet.version", "fleet.protocols", "fleet.calibration", "fleet.server", "fleet.errors");
    assertThat(d.findElement(By.id("count")).getText()).startsWith("6 of ");
    d.findElement(By.cssSelector("#module-table tbody tr[data-name='fleet.server']")).click();
    assertThat(d.findElement(By.id("why-module")).getText()).isEqualTo("fleet.server");
    assertThat(d.findElement(By.id("why-body")).getText()).contains("fleet/server.py");

    d.findElement(By.id("filter")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.BACK_SPACE);
    assertThat(visibleNames()).contains("site", "asyncio");
    d.findElement(By.id("hide-bare")).click();
    assertThat(visibleNames()).doesNotContain("site", "encodings").contains("asyncio");

    browser.js("window.scrollTo(0, 0)");
    Path shot = browser.screenshot("demo-report.png");
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    assertThat(browser.errors()).isEmpty();
    assertThat(browser.alerts()).isEmpty();
  }

  @Test
  void hostileNamesRenderAsText() throws IOException {
    String img = "<img src=x onerror=alert(1)>";
    String script = "</script><script>alert(2)</script>";
    String comment = "<!-- <script>alert(3)</script>";
    Profile p =
        Profiles.of(
            "-c '" + script + "'",
            List.of(node("app", 1, 6, node(img, 2, 5, node("x" + comment, 3, 3)))));
    p = withNotes(p, List.of("note " + script), "/tmp/" + img + ".py");
    // The statement text of an opportunity, as a profile with the import recording carries it.
    ObjectNode doc = JSON.valueToTree(p);
    ObjectNode o = doc.putArray("opportunities").addObject();
    o.put("scope", "statement").put("importer", "app").put("module", img).put("file", "/tmp/" + img + ".py").put("line", 1);
    o.put("statement", "import x  # " + script).put("fix", "function-local");
    o.putObject("savingMs").put("median", 2).put("low", 1).put("high", 3);
    o.putArray("freed").add(img).add("x" + comment);
    Path html = tmp.resolve("hostile.html");
    Files.writeString(html, HtmlReport.page(doc), StandardCharsets.UTF_8);
    browser.open(html);
    var d = browser.driver;
    assertThat(d.findElement(By.id("target")).getText()).isEqualTo("-c '" + script + "'");
    assertThat(d.findElement(By.id("notes")).getText()).isEqualTo("note " + script);
    d.findElement(By.cssSelector("#module-table tbody tr:nth-child(2)")).click();
    assertThat(d.findElement(By.id("why-module")).getText()).isEqualTo(img);
    assertThat(d.findElement(By.id("why-body")).getText()).contains(img, "/tmp/" + img + ".py:1", "import x  # " + script);
    assertThat(d.findElement(By.id("opportunity-list")).getText()).contains("import x  # " + script, "app imports " + img);
    assertThat(d.findElement(By.id("module-table")).getText()).contains(img, "x" + comment);
    new Actions(d).moveToElement(d.findElement(By.cssSelector("#icicle g.node[data-id='2']"))).perform();
    assertThat(d.findElement(By.id("tooltip")).getText()).contains("x" + comment);
    // Nothing was parsed as markup: no image, one inline script (the report's own), no dialog.
    assertThat(d.findElements(By.tagName("img"))).isEmpty();
    assertThat(((Number) browser.js("return document.scripts.length")).intValue()).isEqualTo(2);
    browser.screenshot("hostile-names.png");
    assertThat(browser.alerts()).isEmpty();
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void recordedRunShowsRetainedTimeOpportunitiesAndStatements() throws IOException {
    // app -> pkg (re-exports) -> heavy -> heavy_ext; the profile carries what the import recording
    // adds: retained time per module, a distribution for the extension, ranked opportunities.
    Profile p =
        Profiles.of(
            "import app",
            List.of(node("app", 0.5, 12, node("pkg", 1, 11.5, node("heavy", 4, 10.5, node("heavy_ext", 6.5, 6.5))))));
    ObjectNode doc = JSON.valueToTree(p);
    for (JsonNode m : doc.get("modules")) {
      double cum = m.get("cumulativeMs").get("median").asDouble();
      ((ObjectNode) m).putObject("retainedMs").put("median", cum - 0.25).put("low", cum - 1).put("high", cum + 1);
      if (m.get("name").asString().equals("heavy_ext")) {
        ObjectNode dist = ((ObjectNode) m).putObject("distribution");
        dist.put("name", "heavy-core").put("version", "2.1.0").put("platformSpecific", true);
        dist.putArray("tags").add("cp311-cp311-manylinux_2_17_x86_64");
      }
    }
    ObjectNode o = doc.putArray("opportunities").addObject();
    o.put("scope", "package-init").put("importer", "pkg").put("module", "pkg").put("file", "/srv/app/pkg/__init__.py").put("line", 3);
    o.put("statement", "from .heavy import Heavy").put("fix", "reexport-lazy-init");
    o.putObject("savingMs").put("median", 10.5).put("low", 9.5).put("high", 12);
    o.putArray("freed").add("heavy").add("heavy_ext");
    // A kind the runtime data could not tell: the general advice, as the text report gives it.
    ObjectNode unknown = doc.withArray("opportunities").addObject();
    unknown.put("scope", "statement").put("importer", "app").put("module", "pkg").put("file", "/srv/app/app.py").put("line", 1);
    unknown.put("statement", "import pkg").put("fix", "unknown");
    unknown.putObject("savingMs").put("median", 0.5).put("low", 0.25).put("high", 1);
    unknown.putArray("freed").add("pkg");
    Path html = tmp.resolve("recorded.html");
    Files.writeString(html, HtmlReport.page(doc), StandardCharsets.UTF_8);
    browser.open(html);
    var d = browser.driver;
    assertThat(d.findElement(By.cssSelector("#module-table th[data-key='retained']")).getText()).isEqualTo("retained ms");
    assertThat(d.findElement(By.id("opportunities")).isDisplayed()).isTrue();
    String opportunities = d.findElement(By.id("opportunity-list")).getText();
    assertThat(opportunities)
        .contains("saves 10.50 ms [9.50, 12.00]", "the re-exports in pkg", "fix: make pkg's __init__ lazy (PEP 562 __getattr__", "/srv/app/pkg/__init__.py:3", "from .heavy import Heavy", "2 module(s) no longer loaded: heavy, heavy_ext")
        .contains("app imports pkg", "fix: defer this import (make it lazy or move it where it is used)")
        .doesNotContain("unknown");
    // Before a module is chosen the panel asks about "a module", not about an ellipsis.
    assertThat(d.findElement(By.cssSelector("#why h2")).getText()).isEqualTo("Why is a module loaded?");
    box("heavy").click();
    assertThat(d.findElement(By.cssSelector("#why h2")).getText()).isEqualTo("Why is heavy loaded?");
    String why = d.findElement(By.id("why-body")).getText();
    assertThat(why).contains("retained 10.25 [9.50, 11.50] ms", "Imports that bring it in", "/srv/app/pkg/__init__.py:3", "from .heavy import Heavy");
    new Actions(d).moveToElement(box("heavy_ext")).perform();
    assertThat(d.findElement(By.id("tooltip")).getText())
        .contains("retained", "6.25 [5.50, 7.50] ms", "from heavy-core 2.1.0 (cp311-cp311-manylinux_2_17_x86_64), a platform-specific wheel", "extension");
    // Sorting by retained time puts app first and heavy_ext last.
    d.findElement(By.cssSelector("#module-table th[data-key='retained']")).click();
    assertThat(visibleNames()).containsExactly("app", "pkg", "heavy", "heavy_ext");
    browser.screenshot("recorded-run.png");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void theWhyPanelShowsWhereATracedBodySpendsItsOwnTime() throws IOException {
    Profile p = Profiles.of("import app", List.of(node("app", 0.5, 42, node("tables", 41, 41.5))));
    ObjectNode doc = JSON.valueToTree(p);
    ObjectNode body = doc.putArray("bodies").addObject();
    body.put("module", "tables").put("file", "/srv/app/tables.py").put("selfMs", 41).put("tracedSelfMs", 63).put("otherStatements", 4);
    ObjectNode st = body.putArray("statements").addObject();
    st.put("line", 6).put("endLine", 6).put("text", "TABLE = build()").put("share", 0.93).put("estimatedMs", 38.1)
        .put("tracedMs", 58.6).put("importsMs", 0).put("assigned", "TABLE");
    ObjectNode path = st.putArray("paths").addObject().put("share", 0.99);
    path.putArray("frames").addObject().put("function", "build").put("file", "/srv/app/tables.py").put("line", 3);
    ObjectNode o = doc.putArray("opportunities").addObject();
    o.put("scope", "module-statement").put("importer", "tables").put("module", "tables").put("file", "/srv/app/tables.py").put("line", 6);
    o.put("statement", "TABLE = build()").put("fix", "compute-on-first-access");
    o.putObject("savingMs").put("median", 38.1).put("low", 35).put("high", 40);
    o.putArray("freed");
    Path html = tmp.resolve("bodies.html");
    Files.writeString(html, HtmlReport.page(doc), StandardCharsets.UTF_8);
    browser.open(html);
    var d = browser.driver;
    assertThat(d.findElement(By.id("opportunity-list")).getText())
        .contains("work at import in tables", "fix: work done at import: compute it on first access", "/srv/app/tables.py:6");
    box("tables").click();
    String why = d.findElement(By.id("why-body")).getText();
    assertThat(why)
        .contains("Where its own time goes (one traced run)", "93.0 % ~38.10 ms", "line 6", "TABLE = build()",
            "99 % in build (/srv/app/tables.py:3)", "4 cheaper statements not shown")
        .doesNotContain("Imports that bring it in");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void twoThousandModulesStayUnderTwoMegabytesAndRenderFast() throws IOException {
    Profile p = Profiles.synthetic(2000, 42);
    String page = HtmlReport.render(p);
    int bytes = page.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isLessThan(2_000_000);
    Path html = tmp.resolve("big.html");
    Files.writeString(html, page, StandardCharsets.UTF_8);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      times.add(browser.open(html));
      assertThat(((Number) browser.js("return document.querySelectorAll('#module-table tbody tr').length")).intValue()).isEqualTo(2000);
      assertThat(((Number) browser.js("return document.querySelectorAll('#icicle g.node').length")).intValue()).isGreaterThan(100);
    }
    double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    String figure =
        String.format(Locale.ROOT, "2,000 modules: %d bytes; rendered (chart + table) in %s ms (best %.0f ms)%n", bytes, times, best);
    System.out.print(figure);
    Files.createDirectories(HeadlessChromium.ARTIFACTS);
    Files.writeString(HeadlessChromium.ARTIFACTS.resolve("render-2000-modules.txt"), figure);
    browser.screenshot("render-2000-modules.png");
    // The goal is 1 s; the bound is generous because the build machine is shared.
    assertThat(best).as(figure).isLessThan(2500);
    assertThat(browser.errors()).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private static Profile withNotes(Profile p, List<String> notes, String file) {
    List<Profile.ModuleStat> mods =
        p.modules().stream()
            .map(m -> new Profile.ModuleStat(m.name(), m.selfMs(), m.cumulativeMs(), m.runs(), file, m.extension(), m.failed(), m.bare(), m.depth()))
            .toList();
    return Profiles.copy(p, p.wallMs(), mods, notes, p.samples());
  }

  private static WebElement box(String module) {
    return browser.driver.findElement(By.cssSelector("#icicle g.node[data-name='" + module + "'] rect"));
  }

  private static double width(WebElement e) {
    return ((Number) browser.js("return arguments[0].getBoundingClientRect().width", e)).doubleValue();
  }

  private static String firstRow() {
    return visibleNames().get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<String> visibleNames() {
    return (List<String>)
        browser.js(
            "return Array.from(document.querySelectorAll('#module-table tbody tr')).filter(r => !r.hidden).map(r => r.getAttribute('data-name'))");
  }

  /** The medians shown in a numeric column of the visible rows. */
  @SuppressWarnings("unchecked")
  private static List<Double> column(String key) {
    List<String> texts =
        (List<String>)
            browser.js(
                "const i = Array.from(document.querySelectorAll('#module-table th')).findIndex(th => th.dataset.key === arguments[0]);"
                    + "return Array.from(document.querySelectorAll('#module-table tbody tr')).filter(r => !r.hidden)"
                    + ".map(r => r.children[i].firstChild.textContent)",
                key);
    return texts.stream().map(t -> Double.parseDouble(t.strip().split(" ")[0])).toList();
  }
}

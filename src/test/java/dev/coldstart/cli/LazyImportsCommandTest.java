package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * explain and profile on Python 3.15's lazy imports (PEP 810), as users run them: a program whose
 * heavy dependency (30 ms at import) is already lazy but used at module level, the same program
 * without {@code lazy}, and {@code profile --lazy-imports all}.
 */
class LazyImportsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeEach
  void heavy() throws IOException {
    Files.writeString(
        tmp.resolve("heavy.py"),
        """
        import time
        _end = time.perf_counter() + 0.03
        while time.perf_counter() < _end:
            pass
        X = 42
        """);
  }

  private Path program(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  private static final String LAZY =
      """
      lazy import heavy
      import sys
      print("heavy" in sys.modules)
      print(heavy.X)
      """;

  @Test
  void anAlreadyLazyImportIsNotAnOpportunityButItsUseAtStartupIsAFinding() throws IOException {
    String py = Pythons.require("3.15").toString();
    Path app = program("app.py", LAZY);
    // --lines-top 0: heavy's own body (its busy loop) would be a module-statement opportunity of
    // its own; what is checked here is that no import is proposed.
    CliRun r = CliRun.of("explain", app.toString(), "--python", py, "--runs", "3", "--lines-top", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    String out = r.out();
    assertThat(out)
        .contains("heavy: lazy at " + app + ":1, reified at " + app + ":4 (`print(heavy.X)`, module level)"
            + " - start-up still pays ")
        .contains("fix: move the use into the function that needs it");
    String opportunities = out.substring(0, out.indexOf("Lazy imports"));
    assertThat(opportunities).contains("No import can be deferred to save time.");
    for (String startup : new String[] {"every import of os", "_collections_abc", "<frozen", "every import of abc", "site"}) {
      assertThat(opportunities).doesNotContain(startup);
    }

    CliRun json = CliRun.of("explain", app.toString(), "--python", py, "--runs", "3", "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode lazy = JSON.readTree(json.out()).path("lazyImports").get(0);
    assertThat(lazy.path("module").asString()).isEqualTo("heavy");
    assertThat(lazy.path("status").asString()).isEqualTo("reified");
    assertThat(lazy.path("declaredBy").asString()).isEqualTo("lazy-statement");
    assertThat(lazy.path("declared").path("line").asInt()).isEqualTo(1);
    assertThat(lazy.path("reified").path("line").asInt()).isEqualTo(4);
    assertThat(lazy.path("reified").path("statement").asString()).isEqualTo("print(heavy.X)");
    assertThat(lazy.path("costMs").path("median").asDouble()).isGreaterThan(10);
    assertThat(lazy.path("freed").get(0).asString()).isEqualTo("heavy");
  }

  @Test
  void whyShowsTheHopThatReifiedALazyImportWithItsDeclaration() throws IOException {
    String py = Pythons.require("3.15").toString();
    Path app = program("app.py", LAZY);
    CliRun r = CliRun.of("why", "heavy", "--from", app.toString(), "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern(
            "__main__ -> heavy +\\S*app\\.py:4  print\\(heavy\\.X\\)  \\(lazy at \\S*app\\.py:1; this use reified it, module level\\)");
    CliRun json = CliRun.of("why", "heavy", "--from", app.toString(), "--python", py, "--format", "json");
    JsonNode hop = JSON.readTree(json.out()).path("chains").get(0).path("hops").get(1);
    assertThat(hop.path("line").asInt()).isEqualTo(4);
    assertThat(hop.path("lazy").path("line").asInt()).isEqualTo(1);
    assertThat(hop.path("lazy").path("statement").asString()).isEqualTo("lazy import heavy");
  }

  @Test
  void withoutLazyTheImportGetsTheDeferralAdviceAndStartupModulesNeverDo() throws IOException {
    Path app = program("eager.py", LAZY.replace("lazy import", "import"));
    for (String version : new String[] {"3.15", "3.13"}) {
      String py = Pythons.require(version).toString();
      CliRun r = CliRun.of("explain", app.toString(), "--python", py, "--runs", "3");
      assertThat(r.exit()).as(r.err()).isZero();
      String opportunities = r.out().substring(0, r.out().indexOf("Retained time"));
      assertThat(opportunities)
          .as(version)
          .contains(app + ":1\n        fix: defer this import (make it lazy or move it where it is used)\n"
              + "        import heavy\n        frees 1 module: heavy\n")
          .doesNotContain("every import of")
          .doesNotContain("<frozen")
          .doesNotContain("Lazy imports");
    }
  }

  @Test
  void theUpperBoundNamesWhatTheGlobalModeAvoidsAndWhetherBehaviourChanged() throws IOException {
    String py = Pythons.require("3.15").toString();
    Path unused = program("unused.py", "import heavy\nprint('ready')\n");
    CliRun r = CliRun.of("profile", unused.toString(), "--python", py, "--runs", "3", "--lazy-imports", "all");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Upper bound: every import lazy (-X lazy_imports=all), 3 runs interleaved with normal runs")
        .contains("avoids 1 module: heavy")
        .contains("behaviour: the same in every pair");

    // Asking sys.modules tells the two apart: a difference, named with its first differing line.
    Path asks = program("asks.py", LAZY.replace("lazy import", "import"));
    CliRun json =
        CliRun.of("profile", asks.toString(), "--python", py, "--runs", "2", "--lazy-imports", "all", "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode all = JSON.readTree(json.out()).path("lazyAll");
    assertThat(all.path("runs").asInt()).isEqualTo(2);
    assertThat(all.path("sameBehaviour").asBoolean()).isFalse();
    assertThat(all.path("differences").get(0).asString())
        .isEqualTo("pair 1: stdout differs at line 1: normal `True`, under the mode `False`");
    assertThat(all.path("savingMs").has("estimate")).isTrue();
  }

  @Test
  void theUpperBoundNeedsPython315() throws IOException {
    String py = Pythons.require("3.13").toString();
    Path app = program("unused.py", "import heavy\n");
    CliRun r = CliRun.of("profile", app.toString(), "--python", py, "--runs", "2", "--lazy-imports", "all");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--lazy-imports all needs Python 3.15 or newer").contains("3.13");
    assertThat(CliRun.of("profile", app.toString(), "--lazy-imports", "some").err())
        .contains("--lazy-imports takes one mode: all");
  }
}

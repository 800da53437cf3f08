package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Statement times of module bodies (profile and explain, --lines and --lines-top) on real
 * interpreters: sys.settrace before 3.12, sys.monitoring from 3.12 on.
 */
class StatementTimesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Line 6 spends ~40 ms in build(); the other statements are cheap. */
  static final String SLOW =
      """
      \"\"\"A module with one expensive statement.\"\"\"
      import time
      def build():
          t = time.perf_counter()
          return {"n": sum(1 for _ in iter(lambda: time.perf_counter() - t < 0.04, False))}
      TABLE = build()
      NAMES = frozenset({"a", "b"})
      def lookup(k):
          return TABLE.get(k)
      """;

  @TempDir Path tmp;

  private String code() throws IOException {
    Files.writeString(tmp.resolve("slowmod.py"), SLOW);
    return "import sys; sys.path.insert(0, '" + tmp + "')\nimport slowmod";
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.8", "3.11", "3.12", "3.15"})
  void explainNamesTheExpensiveLineWithMostOfTheSelfTimeAndTheFunctionBelowIt(String version) throws IOException {
    String py = Pythons.require(version).toString();
    CliRun r = CliRun.of("explain", "-c", code(), "--runs", "3", "--python", py, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    JsonNode body = null;
    for (JsonNode b : root.path("bodies")) {
      if (b.path("module").asString().equals("slowmod")) {
        body = b;
      }
    }
    assertThat(body).as(r.out()).isNotNull();
    JsonNode top = body.path("statements").get(0);
    assertThat(top.path("line").asInt()).isEqualTo(6);
    assertThat(top.path("text").asString()).isEqualTo("TABLE = build()");
    assertThat(top.path("share").asDouble()).isGreaterThan(0.7);
    assertThat(top.path("assigned").asString()).isEqualTo("TABLE");
    assertThat(top.path("paths").get(0).path("frames").get(0).path("function").asString()).isEqualTo("build");
    boolean found = false;
    for (JsonNode o : root.path("opportunities")) {
      if (o.path("scope").asString().equals("module-statement") && o.path("line").asInt() == 6) {
        assertThat(o.path("fix").asString()).isEqualTo("compute-on-first-access");
        assertThat(o.path("savingMs").path("median").asDouble()).isGreaterThan(20);
        found = true;
      }
    }
    assertThat(found).as(r.out()).isTrue();
  }

  @Test
  void profileShowsTheBreakdownAsTextAndSaysHowMuchTracingSlowedTheRun() throws IOException {
    String py = Pythons.require("3.11").toString();
    CliRun r = CliRun.of("profile", "-c", code(), "--runs", "3", "--no-bare", "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Where the heaviest bodies spend their own time");
    assertThat(r.out()).containsPattern("line 6  TABLE = build\\(\\)");
    assertThat(r.out()).containsPattern("% in build \\(.*slowmod.py:3\\)");
    assertThat(r.out()).contains("one extra run traced at the lines of 1 module body (slowmod)");
  }

  @Test
  void withLinesTopZeroNothingIsTracedAndAUsedNameIsNotProposedForFirstAccess() throws IOException {
    String py = Pythons.require("3.11").toString();
    CliRun none = CliRun.of("profile", "-c", code(), "--runs", "2", "--no-bare", "--python", py, "--lines-top", "0", "--format", "json");
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(JSON.readTree(none.out()).path("bodies").isNull()).isTrue();
    Files.writeString(tmp.resolve("slowmod.py"), SLOW + "FIRST = TABLE.get('1')\n");
    CliRun used = CliRun.of("explain", "-c", "import sys; sys.path.insert(0, '" + tmp + "')\nimport slowmod", "--runs", "2",
        "--python", py, "--format", "json", "--lines", "slowmod", "--lines-top", "0");
    assertThat(used.exit()).as(used.err()).isZero();
    boolean found = false;
    for (JsonNode o : JSON.readTree(used.out()).path("opportunities")) {
      if (o.path("scope").asString().equals("module-statement") && o.path("line").asInt() == 6) {
        assertThat(o.path("fix").asString()).isEqualTo("move-into-function");
        found = true;
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void badLinesArgumentsAreUsageErrors() {
    assertThat(CliRun.of("profile", "-c", "pass", "--lines", "not a module").exit()).isEqualTo(2);
    assertThat(CliRun.of("profile", "-c", "pass", "--lines-top", "-1").exit()).isEqualTo(2);
    CliRun log = CliRun.withStdin("", "profile", "--log", "-", "--lines", "x");
    assertThat(log.exit()).isEqualTo(2);
    assertThat(log.err()).contains("--lines needs a target to run");
  }
}

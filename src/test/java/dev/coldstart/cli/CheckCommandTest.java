package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.demo.DemoProject;
import dev.coldstart.testing.Pythons;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** coldstart check through the CLI, on the demo project (real interpreters). */
class CheckCommandTest {
  @TempDir Path tmp;

  /** The demo's __init__ with its re-exports made lazy (what the fix step produces, by hand). */
  static final String LAZY_INIT =
      """
      from .errors import FleetError
      from .version import VERSION

      _LAZY = {"Protocol": ".protocols", "run_protocol": ".protocols", "create_app": ".server"}

      def __getattr__(name):
          if name in _LAZY:
              import importlib
              return getattr(importlib.import_module(_LAZY[name], __name__), name)
          raise AttributeError(name)

      __all__ = ["FleetError", "Protocol", "VERSION", "create_app", "run_protocol"]
      """;

  private Path demo() {
    return DemoProject.unpack(tmp);
  }

  private static String python() {
    return Pythons.python3().toString();
  }

  @Test
  void forbiddenModulesFailWithTheirChainAndPassOnceTheReexportIsLazy() throws Exception {
    Path root = demo();
    String config = root.resolve("pyproject.toml").toString();
    CliRun r = CliRun.of("check", "--config", config, "--no-timing", "--python", python());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL         version: forbid fleet.server: loads forbidden module fleet.server")
        .contains("fleet/__init__.py:9: from .server import create_app")
        .contains("-> sqlite3    " + root.resolve("fleet/server.py") + ":6: import sqlite3")
        .contains("3 checks: 3 failed");
    Files.writeString(root.resolve("fleet/__init__.py"), LAZY_INIT);
    CliRun after = CliRun.of("check", "--config", config, "--no-timing", "--python", python());
    assertThat(after.exit()).as(after.out() + after.err()).isZero();
    assertThat(after.out()).contains("PASS         version: forbid fleet.server").contains("3 passed");
  }

  @Test
  void moduleCountAndTimeBudgetsWithIntervals() throws Exception {
    Path root = demo();
    Files.writeString(
        root.resolve("pyproject.toml"),
        """
        [[tool.coldstart.entry]]
        name = "json"
        target = "-c import json"
        max-modules = 1
        budget-ms = 100000
        """);
    CliRun r = CliRun.of("check", "--config", root.resolve("pyproject.toml").toString(), "--runs", "3",
        "--python", python(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"schema\" : \"coldstart.check/1\"")
        .contains("\"check\" : \"max-modules\"")
        .contains("\"status\" : \"fail\"")
        .contains("\"check\" : \"budget-ms\"")
        .contains("within the budget of 100000 ms");
  }

  @Test
  void junitHasOneTestCasePerEntryAndCheckAndParses() throws Exception {
    Path root = demo();
    CliRun r = CliRun.of("check", "--config", root.resolve("pyproject.toml").toString(), "--no-timing",
        "--python", python(), "--format", "junit");
    assertThat(r.exit()).isEqualTo(1);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element first = (Element) cases.item(0);
    assertThat(first.getAttribute("classname")).isEqualTo("coldstart.check.version");
    assertThat(first.getAttribute("name")).isEqualTo("forbid fleet.server");
    assertThat(first.getElementsByTagName("failure").item(0).getTextContent())
        .contains("why fleet.server is loaded").contains("from .server import create_app");
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("failures")).isEqualTo("3");
  }

  @Test
  void markdownAndSarifOutputs() {
    Path root = demo();
    String config = root.resolve("pyproject.toml").toString();
    CliRun md = CliRun.of("check", "--config", config, "--no-timing", "--python", python(), "--format", "markdown");
    assertThat(md.out()).startsWith("## coldstart check: failed").contains("| ❌ | version | forbid fleet.server |")
        .contains("<details><summary>Why <code>fleet.server</code>");
    CliRun sarif = CliRun.of("check", "--config", config, "--no-timing", "--python", python(), "--format", "sarif");
    assertThat(sarif.exit()).isEqualTo(1);
    SarifValidation.assertValid(sarif.out());
    assertThat(sarif.out()).contains("\"ruleId\" : \"coldstart/forbidden-module\"").contains("\"startLine\" : 9");
  }

  @Test
  void configurationErrorsAreExitTwoWithFileLineAndKey() throws Exception {
    Path file = tmp.resolve("pyproject.toml");
    Files.writeString(file, "[tool.coldstart]\nruns = 5\n\n[[tool.coldstart.entry]]\nname = 'x'\ntarget = 'json'\nbudget_ms = 3\n");
    CliRun r = CliRun.of("check", "--config", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":7: tool.coldstart.entry[0].budget_ms: unknown key (did you mean 'budget-ms'?)");
    assertThat(r.err()).doesNotContain("Exception");
    Files.writeString(file, "[project]\nname = 'x'\n");
    CliRun none = CliRun.of("check", "--config", file.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("has no [[tool.coldstart.entry]]");
    assertThat(CliRun.of("check", "--config", tmp.resolve("nope.toml").toString()).err()).contains("no such configuration file");
  }

  @Test
  void aTargetThatFailsIsExitThree() throws Exception {
    Path file = tmp.resolve("pyproject.toml");
    Files.writeString(file, "[[tool.coldstart.entry]]\nname = 'x'\ntarget = 'no_such_module_xyz'\nforbid = ['a']\n");
    CliRun r = CliRun.of("check", "--config", file.toString(), "--python", python());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("entry x").contains("ModuleNotFoundError");
  }

  @Test
  void aMissingBaselineFileIsExitTwo() throws Exception {
    Path root = demo();
    CliRun r = CliRun.of("check", "--config", root.resolve("pyproject.toml").toString(), "--baseline",
        tmp.resolve("base.json").toString(), "--python", python());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such baseline file");
  }
}

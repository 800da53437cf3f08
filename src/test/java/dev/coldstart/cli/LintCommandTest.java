package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.demo.DemoProject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LintCommandTest {
  @TempDir Path tmp;

  @Test
  void demoProjectFindingsInEveryFormat() throws Exception {
    DemoProject.unpack(tmp);
    String fleet = tmp.resolve("fleet").toString();
    String config = tmp.resolve("pyproject.toml").toString();
    CliRun text = CliRun.of("lint", fleet, "--config", config);
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out())
        .contains(fleet + "/__init__.py:9:1: CS105 `from .server import create_app`")
        .contains("    also CS101: `from .server import create_app` runs fleet.server")
        .contains(fleet + "/server.py:6:1: CS105 `import sqlite3` imports sqlite3, which entry 'version' forbids")
        .contains("    also CS104: `import sqlite3` runs at import time")
        .doesNotContain(fleet + "/server.py:6:1: CS104")
        .contains("By rule: CS104 function-only-import 7, CS101 eager-reexport 3, CS105 forbidden-import 3")
        .contains("13 finding(s) in 6 Python file(s) (3 more folded into a finding about the same statement)")
        .doesNotContain("calibration.py");
    CliRun sarif = CliRun.of("lint", fleet, "--config", config, "--format", "sarif");
    SarifValidation.assertValid(sarif.out());
    assertThat(sarif.out()).contains("\"ruleId\" : \"CS101\"").contains("\"help\"");
    CliRun junit = CliRun.of("lint", fleet, "--config", config, "--format", "junit");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(9);
    assertThat(CliRun.of("lint", fleet, "--config", config, "--format", "json").out()).contains("\"schema\" : \"coldstart.lint/1\"");
    assertThat(CliRun.of("lint", fleet, "--config", config, "--format", "markdown").out()).contains("| [CS101](docs/rules/CS101.md) |");
    CliRun only = CliRun.of("lint", fleet, "--config", config, "--select", "CS106,CS107");
    assertThat(only.exit()).isZero();
    assertThat(CliRun.of("lint", fleet, "--config", config, "--exit-zero").exit()).isZero();
  }

  @Test
  void findingsAreRankedByTheModulesTheirStatementLoadsAndTopCutsEveryFormatAlike() throws Exception {
    DemoProject.unpack(tmp);
    String fleet = tmp.resolve("fleet").toString();
    String config = tmp.resolve("pyproject.toml").toString();
    String py = dev.coldstart.testing.Pythons.python3().toString();
    CliRun text = CliRun.of("lint", fleet, "--config", config, "--python", py, "--top", "3");
    assertThat(text.exit()).isEqualTo(1);
    java.util.List<String> lines = text.out().lines().filter(l -> l.startsWith(fleet)).toList();
    assertThat(lines).hasSize(3);
    // The re-exports of the protocol engine and of the server load the most (asyncio, http.server...).
    assertThat(lines.get(0)).contains("/__init__.py:8:1: CS101");
    assertThat(lines.get(1)).contains("/__init__.py:9:1: CS105");
    java.util.List<Integer> costs = lines.stream()
        .map(l -> Integer.parseInt(l.replaceAll(".*\\[\\+(\\d+) modules?\\]$", "$1"))).toList();
    assertThat(costs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(costs.get(0)).isGreaterThan(50);
    assertThat(text.out()).contains("13 finding(s)").contains("showing the 3 most expensive");

    CliRun json = CliRun.of("lint", fleet, "--config", config, "--python", py, "--top", "3", "--format", "json");
    tools.jackson.databind.JsonNode j = new tools.jackson.databind.ObjectMapper().readTree(json.out());
    assertThat(j.path("total").asInt()).isEqualTo(13);
    assertThat(j.path("folded").asInt()).isEqualTo(3);
    assertThat(j.path("by_rule").path("CS104").asInt()).isEqualTo(7);
    assertThat(j.path("findings")).hasSize(3);
    assertThat(j.path("findings").get(1).path("also").get(0).path("code").asString()).isEqualTo("CS101");
    assertThat(j.path("findings").get(0).path("modules").asInt()).isEqualTo(costs.get(0));

    CliRun sarif = CliRun.of("lint", fleet, "--config", config, "--python", py, "--top", "3", "--format", "sarif");
    SarifValidation.assertValid(sarif.out());
    tools.jackson.databind.JsonNode results = new tools.jackson.databind.ObjectMapper().readTree(sarif.out()).path("runs").get(0).path("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).path("properties").path("modules").asInt()).isEqualTo(costs.get(0));
    assertThat(results.get(1).path("ruleId").asString()).isEqualTo("CS105");
    assertThat(results.get(1).path("properties").path("alsoReportedAs").get(0).asString()).isEqualTo("CS101");

    assertThat(CliRun.of("lint", fleet, "--top", "0").exit()).isEqualTo(2);
  }

  @Test
  void badArgumentsAreExitTwo() {
    assertThat(CliRun.of("lint", tmp.resolve("missing").toString()).exit()).isEqualTo(2);
    CliRun r = CliRun.of("lint", tmp.toString(), "--select", "E501");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not a rule code");
  }

  @Test
  void aFileWithBadSyntaxIsNamedInTheNotes() throws Exception {
    java.nio.file.Files.writeString(tmp.resolve("broken.py"), "import json\ndef (\n");
    CliRun r = CliRun.of("lint", tmp.resolve("broken.py").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("broken.py:2:").contains("findings in this file may be incomplete");
  }

  /** The target version comes from requires-python or --target-version and changes the advice. */
  @Test
  void targetVersionFromRequiresPythonOrTheOption() throws Exception {
    Path pkg = tmp.resolve("pkg");
    java.nio.file.Files.createDirectories(pkg);
    java.nio.file.Files.writeString(tmp.resolve("pyproject.toml"), "[project]\nname = \"pkg\"\nrequires-python = \">=3.15\"\n");
    java.nio.file.Files.writeString(pkg.resolve("__init__.py"),
        "__lazy_modules__ = [\"xml\"]\nfrom .a import A\nlazy import json\nimport xml.dom\nDEFAULT = json.dumps({})\n");
    java.nio.file.Files.writeString(pkg.resolve("a.py"), "A = 1\n");
    String config = tmp.resolve("pyproject.toml").toString();
    CliRun r = CliRun.of("lint", pkg.toString(), "--config", config);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("__init__.py:2:1: CS101").contains("`lazy from .a import A`")
        .contains("__init__.py:3:1: CS108").contains("__init__.py:5")
        .contains("__init__.py:1:1: CS109 \"xml\" in __lazy_modules__ matches no import in this file: `import xml.dom`");
    CliRun older = CliRun.of("lint", pkg.toString(), "--config", config, "--target-version", "3.9");
    assertThat(older.out()).contains("CS101").contains("PEP 562").doesNotContain("`lazy from .a import A`");
    CliRun bad = CliRun.of("lint", pkg.toString(), "--target-version", "three");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--target-version wants a version like 3.15");
  }
}

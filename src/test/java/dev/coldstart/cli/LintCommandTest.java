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
        .contains(fleet + "/__init__.py:9:1: CS101 `from .server import create_app`")
        .contains(fleet + "/__init__.py:9:1: CS105")
        .contains(fleet + "/server.py:6:1: CS105 `import sqlite3` imports sqlite3, which entry 'version' forbids")
        .contains(fleet + "/server.py:6:1: CS104")
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

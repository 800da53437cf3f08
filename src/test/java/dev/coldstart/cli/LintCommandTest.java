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
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(7);
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
}

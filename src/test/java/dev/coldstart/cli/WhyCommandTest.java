package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The why verb with real interpreters: argv in, stdout/stderr/exit out. */
class WhyCommandTest {
  @TempDir Path tmp;
  Path app;
  String py;

  @BeforeEach
  void project() throws IOException {
    py = Pythons.require("3.11").toString();
    Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(tmp.resolve("app.py"), "import sys\nimport pkg.sub\n");
    Files.writeString(tmp.resolve("pkg/__init__.py"), "\"\"\"Re-exports.\"\"\"\nfrom .task import Task\n");
    Files.writeString(tmp.resolve("pkg/sub.py"), "X = 1\n");
    Files.writeString(tmp.resolve("pkg/task.py"), "import heavy\n\n\nclass Task:\n    pass\n");
    Files.writeString(tmp.resolve("heavy.py"), "import json\n");
    app = tmp.resolve("app.py");
  }

  @Test
  void whyShowsTheWholeChainWithFileLineAndStatement() {
    CliRun r = CliRun.of("why", "heavy", "--from", app.toString(), "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("heavy is loaded by " + app + ": 1 chain")
        .contains("chain 1 (4 hops): this chain loaded it")
        .containsPattern("<python> -> __main__ +\\(the program\\)")
        .containsPattern("__main__ -> pkg +\\S*app.py:2  import pkg.sub\n")
        .containsPattern("pkg -> pkg.task +\\S*pkg/__init__.py:2  from .task import Task\n")
        .containsPattern("pkg.task -> heavy +\\S*pkg/task.py:1  import heavy\n");
  }

  @Test
  void jsonListsEveryHopWithItsSite() {
    CliRun r = CliRun.of("why", "json", "--from", app.toString(), "--format", "json", "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("loaded").asBoolean()).isTrue();
    JsonNode hops = root.path("chains").get(0).path("hops");
    assertThat(hops.size()).isEqualTo(5);
    JsonNode last = hops.get(4);
    assertThat(last.path("importer").asString()).isEqualTo("heavy");
    assertThat(last.path("module").asString()).isEqualTo("json");
    assertThat(last.path("file").asString()).endsWith("heavy.py");
    assertThat(last.path("line").asInt()).isEqualTo(1);
    assertThat(last.path("statement").asString()).isEqualTo("import json");
    assertThat(last.path("static").asBoolean()).isFalse();
  }

  @Test
  void codeFromTheCommandLineIsFilledFromStaticDataAndMarked() {
    CliRun r = CliRun.of("why", "json", "-c", "import os\nimport json", "--python", py);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("__main__ -> json +<string>:2  import json  \\(static\\)");
  }

  @Test
  void aModuleTheTargetDoesNotLoadExitsOneAndSaysSo() {
    CliRun r = CliRun.of("why", "xml.dom", "--from", app.toString(), "--python", py);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("xml.dom is not loaded by " + app);
  }

  @Test
  void aFailedImportOfTheModuleIsShownWhenItIsNotLoaded() throws IOException {
    Files.writeString(
        tmp.resolve("probe.py"), "try:\n    import not_there_xyz\nexcept ImportError:\n    pass\n");
    CliRun r = CliRun.of("why", "not_there_xyz", "--from", tmp.resolve("probe.py").toString(), "--python", py);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).containsPattern("an import of it failed: __main__  \\S*probe.py:2  import not_there_xyz");
  }

  @Test
  void anUnknownTargetModuleIsTheTargetsFailureWithThePythonError() {
    CliRun r = CliRun.of("why", "json", "--from", "no_such_module_xyz", "--python", py);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains("ModuleNotFoundError: No module named 'no_such_module_xyz'")
        .doesNotContain("\tat ");
  }

  @Test
  void somethingThatIsNotAModuleNameIsAUsageError() {
    CliRun r = CliRun.of("why", "not/a-module", "--from", "json", "--python", py);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'not/a-module' is not a module name");
    assertThat(CliRun.of("why", "json").exit()).isEqualTo(2);
    assertThat(CliRun.of("why", "json", "--log", "x.log").exit()).isEqualTo(2);
  }

  @Test
  void pydanticLoadsPydanticCoreThroughItsVersionModule() {
    Path python3 = Pythons.python3();
    CliRun probe = CliRun.of("why", "pydantic_core", "--from", "pydantic", "--python", python3.toString());
    assumeTrue(!probe.err().contains("No module named 'pydantic'"), "pydantic is not installed");
    assertThat(probe.exit()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("pydantic_core is loaded by import pydantic")
        .contains(": this chain loaded it")
        .containsPattern("pydantic.version -> pydantic_core +\\S*pydantic/version.py:\\d+  from pydantic_core import");
  }
}

package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code audit --test} and the import-time side effects through the CLI, on a planted project with
 * real Python 3.11 and pytest: a plugin that registers itself at import and a test that counts the
 * plugins make deferring the plugin unsafe, naming the test and the registering file:line; a module
 * that writes a file at import saves time but is not safe.
 */
class AuditEvidenceCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path project() throws IOException {
    Path proj = Files.createDirectories(tmp.resolve("proj"));
    Path pkg = Files.createDirectories(proj.resolve("pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "from . import registry\nfrom .plugin import NAME\nfrom .heavy import WORK\n");
    Files.writeString(pkg.resolve("registry.py"), "PLUGINS = []\n");
    Files.writeString(pkg.resolve("plugin.py"), "from . import registry\nNAME = 'csv'\nregistry.PLUGINS.append(NAME)\n");
    Files.writeString(
        pkg.resolve("heavy.py"),
        "import os\nopen(os.path.join(os.path.dirname(__file__), 'heavy.log'), 'w').close()\nWORK = sum(range(4000000))\n");
    Path tests = Files.createDirectories(proj.resolve("tests"));
    Files.writeString(tests.resolve("__init__.py"), "");
    Files.writeString(
        tests.resolve("test_registry.py"),
        "import pkg\n\n\ndef test_one_plugin_registered():\n"
            + "    assert len(pkg.registry.PLUGINS) == 1, 'registered: %r' % pkg.registry.PLUGINS\n");
    return proj;
  }

  private CliRun audit(Path proj, String... more) {
    String py = Pythons.require("3.11").toString();
    String code = "import sys; sys.path.insert(0, '" + proj + "')\nimport pkg";
    List<String> args = new ArrayList<>(List.of("audit", "-c", code, "--python", py, "--runs", "10", "--profile-runs", "2"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static JsonNode evidence(JsonNode verdict, String kind) {
    for (JsonNode e : verdict.path("evidence")) {
      if (e.path("kind").asString().equals(kind)) {
        return e;
      }
    }
    throw new AssertionError("no " + kind + " evidence in " + verdict);
  }

  @Test
  void aPluginRegistryIsUnsafeNamingTheTestAndTheRegisteringLine() throws IOException {
    Path proj = project();
    String test = Pythons.require("3.11") + " -m pytest -q -p no:cacheprovider --rootdir " + proj + " " + proj.resolve("tests");

    CliRun json = audit(proj, "--candidate", "pkg:pkg.plugin", "--test", test, "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode v = JSON.readTree(json.out()).path("verdicts").get(0);
    assertThat(v.path("verdict").asString()).as(v.toString()).isEqualTo("unsafe");
    assertThat(v.path("reason").asString())
        .isEqualTo("breaks tests/test_registry.py::test_one_plugin_registered: AssertionError: registered: []");
    JsonNode tests = evidence(v, "tests");
    assertThat(tests.path("runner").asString()).isEqualTo("pytest");
    assertThat(tests.path("broken").get(0).path("test").asString()).isEqualTo("tests/test_registry.py::test_one_plugin_registered");
    JsonNode moved = evidence(v, "side-effects").path("moved");
    assertThat(moved).hasSize(1);
    assertThat(moved.get(0).path("kind").asString()).isEqualTo("registry");
    assertThat(moved.get(0).path("detail").asString()).isEqualTo("pkg.registry.PLUGINS grew 0 -> 1");
    assertThat(moved.get(0).path("file").asString()).isEqualTo(proj.resolve("pkg/plugin.py").toString());
    assertThat(moved.get(0).path("line").asInt()).isEqualTo(3);

    CliRun text = audit(proj, "--candidate", "pkg:pkg.plugin", "--test", test);
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("unsafe: pkg:pkg.plugin")
        .contains("registry: pkg.registry.PLUGINS grew 0 -> 1 at " + proj.resolve("pkg/plugin.py") + ":3")
        .contains("    tests/test_registry.py::test_one_plugin_registered: AssertionError: registered: []");
  }

  @Test
  void aSavingWhoseModuleWritesAFileAtImportIsNotSafe() throws IOException {
    Path proj = project();

    CliRun md = audit(proj, "--candidate", "pkg:pkg.heavy", "--format", "markdown");
    assertThat(md.exit()).as(md.err()).isZero();
    String log = proj.resolve("pkg/heavy.log").toString();
    assertThat(md.out())
        .contains("- side effect `file_write`: open('" + log + "', 'w') at `" + proj.resolve("pkg/heavy.py") + ":2`")
        .doesNotContain("| safe |");
  }

  @Test
  void aBadlyQuotedTestCommandIsAUsageError() throws IOException {
    CliRun r = audit(project(), "--candidate", "pkg:pkg.plugin", "--test", "pytest 'tests");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("coldstart: --test: unterminated ' in the command");
  }
}

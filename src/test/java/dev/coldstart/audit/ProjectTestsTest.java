package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's tests run unchanged and with a real environment difference: a sitecustomize (on
 * PYTHONPATH) that stands an empty module in for {@code pkg.plugin}, as a deferral that never
 * reifies it would, so the plugin never registers itself.
 */
class ProjectTestsTest {
  @TempDir Path temp;
  private Path project;
  private Map<String, String> deferral;
  private String python;

  @BeforeEach
  void plantProject() throws IOException {
    python = Pythons.require("3.11").toString();
    project = Files.createDirectories(temp.resolve("proj"));
    Path pkg = Files.createDirectories(project.resolve("pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "from . import registry\nfrom . import plugin\n");
    Files.writeString(pkg.resolve("registry.py"), "PLUGINS = []\n");
    Files.writeString(pkg.resolve("plugin.py"), "from . import registry\nregistry.PLUGINS.append('plugin')\n");
    Path tests = Files.createDirectories(project.resolve("tests"));
    Files.writeString(tests.resolve("__init__.py"), "");
    Files.writeString(
        tests.resolve("test_plugins.py"),
        """
        import os
        import pkg


        def test_counts_registered_plugins():
            assert len(pkg.registry.PLUGINS) == 1, "plugins registered: %r" % pkg.registry.PLUGINS


        def test_unrelated():
            assert pkg.registry is not None


        def test_always_fails():
            assert False, "broken before any deferral"


        def test_flaky_once():
            counter = os.path.join(os.path.dirname(__file__), "runs.txt")
            runs = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
            with open(counter, "w") as f:
                f.write(str(runs))
            assert runs != 2, "second run fails"
        """);
    Path site = Files.createDirectories(temp.resolve("deferral"));
    Files.writeString(
        site.resolve("sitecustomize.py"),
        "import sys, types\nsys.modules['pkg.plugin'] = types.ModuleType('pkg.plugin')\n");
    deferral = Map.of("PYTHONPATH", site.toString());
  }

  private ProjectTests tests(String command) {
    return ProjectTests.of(command, project, Map.of(), Duration.ofMinutes(2));
  }

  @Test
  void pytestNamesTheBrokenTestAndItsMessageButNotFlakyOrAlwaysFailingOnes() {
    ProjectTests tests = tests(python + " -m pytest -q -p no:cacheprovider tests/test_plugins.py");

    TestRun baseline = tests.baseline();
    assertThat(baseline.runner()).isEqualTo(TestRun.Runner.PYTEST);
    assertThat(baseline.passedTest("tests/test_plugins.py::test_counts_registered_plugins")).isTrue();

    TestComparison c = tests.compare(deferral);
    assertThat(c.runner()).isEqualTo(TestRun.Runner.PYTEST);
    assertThat(c.broken())
        .containsExactly(
            new TestComparison.BrokenTest(
                "tests/test_plugins.py::test_counts_registered_plugins",
                "AssertionError: plugins registered: []"));
    assertThat(c.flaky()).containsExactly("tests/test_plugins.py::test_flaky_once");
    assertThat(c.failingUnchanged()).containsExactly("tests/test_plugins.py::test_always_fails");
    assertThat(c.breaks()).isTrue();
  }

  @Test
  void withoutTheDeferralNothingBreaks() throws IOException {
    Files.delete(project.resolve("tests/test_plugins.py"));
    Files.writeString(project.resolve("tests/test_plugins.py"), "import pkg\n\ndef test_ok():\n    assert pkg.registry.PLUGINS\n");
    ProjectTests tests = tests(python + " -m pytest -q -p no:cacheprovider tests");

    TestComparison c = tests.compare(Map.of("COLDSTART_UNRELATED", "1"));
    assertThat(c.pass()).isTrue();
    assertThat(c.broken()).isEmpty();
  }

  @Test
  void unittestFailuresAreReadFromItsSummary() throws IOException {
    Files.writeString(
        project.resolve("tests/test_units.py"),
        """
        import unittest
        import pkg


        class PluginCase(unittest.TestCase):
            def test_count(self):
                self.assertEqual(len(pkg.registry.PLUGINS), 1)

            def test_fine(self):
                self.assertTrue(True)
        """);
    ProjectTests tests = tests(python + " -m unittest tests.test_units");

    TestComparison c = tests.compare(deferral);
    assertThat(c.runner()).isEqualTo(TestRun.Runner.UNITTEST);
    assertThat(c.broken())
        .containsExactly(new TestComparison.BrokenTest("tests/test_units.py::PluginCase::test_count", "AssertionError: 0 != 1"));
  }

  @Test
  void anyOtherCommandIsJudgedByItsExitStatus() {
    ProjectTests tests = tests(python + " -c 'import pkg, sys; sys.exit(0 if pkg.registry.PLUGINS else 3)'");

    TestComparison c = tests.compare(deferral);
    assertThat(c.runner()).isEqualTo(TestRun.Runner.EXIT_CODE);
    assertThat(c.broken()).singleElement().satisfies(b -> {
      assertThat(b.test()).isEqualTo(tests.command());
      assertThat(b.message()).startsWith("exit 3");
    });
  }

  @Test
  void aCommandFailingUnchangedIsInconclusive() {
    ProjectTests tests = tests(python + " -c 'raise SystemExit(4)'");

    TestComparison c = tests.compare(deferral);
    assertThat(c.inconclusive()).contains("fail unchanged (exit 4)");
    assertThat(c.pass()).isFalse();
    assertThat(c.breaks()).isFalse();
  }

  @Test
  void badCommandsAreUsageErrors() {
    assertThatThrownBy(() -> tests("python -m 'pytest")).isInstanceOf(UserError.class).hasMessageContaining("--test");
    assertThatThrownBy(() -> tests("  ")).isInstanceOf(UserError.class).hasMessageContaining("--test needs a command");
    ProjectTests missing = tests("/no/such/runner-xyz -q");
    assertThatThrownBy(missing::baseline).isInstanceOf(UserError.class).hasMessageContaining("--test: cannot start /no/such/runner-xyz");
  }

  @Test
  void junitNamesKeepClassesAndFiles() {
    assertThat(TestRun.testName("tests/test_a.py", "tests.test_a.TestX", "test_y")).isEqualTo("tests/test_a.py::TestX::test_y");
    assertThat(TestRun.testName("tests/test_a.py", "tests.test_a", "test_y[1-2]")).isEqualTo("tests/test_a.py::test_y[1-2]");
    assertThat(TestRun.testName("", "", "tests.test_a")).isEqualTo("tests.test_a");
  }
}

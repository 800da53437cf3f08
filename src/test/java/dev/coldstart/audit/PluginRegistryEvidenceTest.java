package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.explain.Recording;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A planted plugin registry: {@code pkg/__init__.py} re-exports a plugin that registers itself in
 * {@code pkg.registry.PLUGINS} at import, and a test counts the registered plugins. Deferring the
 * re-export (the real {@link Deferral}, applied to the test process through its environment) breaks
 * that test, and the registration is the side effect that moves, with its file:line.
 */
class PluginRegistryEvidenceTest {
  @TempDir Path temp;

  private Path project() throws IOException {
    Path proj = Files.createDirectories(temp.resolve("proj"));
    Path pkg = Files.createDirectories(proj.resolve("pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "from . import registry\nfrom .plugin import NAME\n");
    Files.writeString(pkg.resolve("registry.py"), "PLUGINS = []\n");
    Files.writeString(pkg.resolve("plugin.py"), "from . import registry\nNAME = 'csv'\nregistry.PLUGINS.append(NAME)\n");
    Path tests = Files.createDirectories(proj.resolve("tests"));
    Files.writeString(tests.resolve("__init__.py"), "");
    Files.writeString(
        tests.resolve("test_registry.py"),
        """
        import pkg


        def test_one_plugin_registered():
            assert len(pkg.registry.PLUGINS) == 1, "registered: %r" % pkg.registry.PLUGINS
        """);
    Files.writeString(
        tests.resolve("test_units.py"),
        """
        import unittest
        import pkg


        class RegistryCase(unittest.TestCase):
            def test_one_plugin_registered(self):
                self.assertEqual(pkg.registry.PLUGINS, ["csv"])
        """);
    return proj;
  }

  @ParameterizedTest
  @CsvSource({
    "3.11, -m pytest -q -p no:cacheprovider tests/test_registry.py, tests/test_registry.py::test_one_plugin_registered",
    "3.15, -m unittest tests.test_units, tests/test_units.py::RegistryCase::test_one_plugin_registered"
  })
  void deferringTheRegisteringPluginBreaksTheCountingTestAndMovesTheRegistration(
      String version, String runner, String brokenTest) throws IOException {
    Path proj = project();
    Path python = Pythons.require(version);
    Interpreter py = Interpreters.probe(python);
    Deferral deferral = new Deferral(List.of(new Deferral.Rule("pkg", "pkg.plugin")), Deferral.Mode.of(py));
    Map<String, String> env = deferral.environment(Deferral.writeHook(temp.resolve("hook")), null);

    ProjectTests tests = ProjectTests.of(python + " " + runner, proj, Map.of(), Duration.ofMinutes(2));
    TestComparison compared = tests.compare(env);

    assertThat(compared.broken()).extracting(TestComparison.BrokenTest::test).containsExactly(brokenTest);
    assertThat(compared.broken().get(0).message()).isNotBlank();

    SideEffects effects = SideEffects.record(py, new Target.Module("pkg"), Map.of(), proj, Duration.ofMinutes(2));
    RuntimeImportGraph graph = graph(py, proj);
    assertThat(effects.moving(graph, deferral.rules()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(SideEffect.Kind.REGISTRY);
              assertThat(e.detail()).isEqualTo("pkg.registry.PLUGINS grew 0 -> 1");
              assertThat(e.where()).isEqualTo(proj.resolve("pkg/plugin.py") + ":3");
            });
  }

  @Test
  void aPluginAlsoImportedElsewhereDoesNotMove() throws IOException {
    Path proj = project();
    Files.writeString(proj.resolve("pkg/__init__.py"), "from . import registry\nfrom .plugin import NAME\nfrom . import other\n");
    Files.writeString(proj.resolve("pkg/other.py"), "from . import plugin\n");
    Interpreter py = Interpreters.probe(Pythons.require("3.11"));
    SideEffects effects = SideEffects.record(py, new Target.Module("pkg"), Map.of(), proj, Duration.ofMinutes(2));
    RuntimeImportGraph graph = graph(py, proj);

    assertThat(effects.effects()).extracting(SideEffect::module).contains("pkg.plugin");
    assertThat(effects.moving(graph, List.of(new Deferral.Rule("pkg", "pkg.plugin")))).isEmpty();
    assertThat(effects.moving(graph, List.of(new Deferral.Rule(null, "pkg.plugin"))))
        .extracting(SideEffect::where)
        .containsExactly(proj.resolve("pkg/plugin.py") + ":3");
  }

  private static RuntimeImportGraph graph(Interpreter py, Path proj) {
    Recording r = Recording.run(py, new Target.Module("pkg"), Duration.ofMinutes(2), Map.of(), proj);
    assertThat(r.failed()).as(r.problem()).isFalse();
    return RuntimeImportGraph.from(r.log());
  }
}

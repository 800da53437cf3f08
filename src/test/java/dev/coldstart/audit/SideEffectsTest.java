package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.audit.SideEffect.Kind;
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
import org.junit.jupiter.params.provider.ValueSource;

/** side_effects.py on real interpreters: each kind, attributed to the right module and line. */
class SideEffectsTest {
  @TempDir Path temp;

  /** A package whose plugin does one of each side effect at import, one per line (line = index + 3). */
  private static final List<String> PLUGIN =
      List.of(
          "import sys, os, atexit, signal, threading, socket, subprocess, builtins, json",
          "from . import registry",
          "registry.register('a')",
          "open(os.environ['EFFECT_FILE'], 'w').close()",
          "os.environ['EFFECT_FLAG'] = '1'",
          "signal.signal(signal.SIGUSR1, lambda *a: None)",
          "atexit.register(print)",
          "threading.Thread(target=lambda: None, name='worker').start()",
          "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.close()",
          "subprocess.run(['true'])",
          "sys.path.insert(0, '/nonexistent-effect-dir')",
          "sys.modules['effect_alias'] = json",
          "builtins.effect_builtin = 1",
          "json.effect_attribute = 2",
          "class Finder:",
          "    def find_spec(self, *a): return None",
          "sys.meta_path.append(Finder())",
          "sys.path_hooks.append(lambda path: Finder())");

  private Path project() throws IOException {
    Path pkg = Files.createDirectories(temp.resolve("proj/pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "from . import registry\nfrom . import plugin\n");
    Files.writeString(
        pkg.resolve("registry.py"),
        "PLUGINS = []\n\ndef register(p):\n    PLUGINS.append(p)\n    return p\n");
    Files.writeString(pkg.resolve("plugin.py"), String.join("\n", PLUGIN) + "\n");
    return temp.resolve("proj");
  }

  private SideEffects record(String version, Path dir, Target target) {
    return SideEffects.record(
        Interpreters.probe(Pythons.require(version)),
        target,
        Map.of("EFFECT_FILE", temp.resolve("written.txt").toString()),
        dir,
        Duration.ofMinutes(2));
  }

  private static int lineOf(String startOfStatement) {
    for (int i = 0; i < PLUGIN.size(); i++) {
      if (PLUGIN.get(i).startsWith(startOfStatement)) {
        return i + 1;
      }
    }
    throw new AssertionError(startOfStatement);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.11", "3.15"})
  void everyKindIsRecordedWithItsModuleAndLine(String version) throws IOException {
    Path dir = project();
    SideEffects effects = record(version, dir, new Target.Module("pkg"));

    assertThat(effects.complete()).as(effects.problem()).isTrue();
    assertThat(effects.auditHooks()).isTrue();
    Map<Kind, String> expected =
        Map.ofEntries(
            Map.entry(Kind.REGISTRY, "registry.register"),
            Map.entry(Kind.FILE_WRITE, "open("),
            Map.entry(Kind.ENVIRON, "os.environ"),
            Map.entry(Kind.SIGNAL, "signal.signal"),
            Map.entry(Kind.ATEXIT, "atexit.register"),
            Map.entry(Kind.THREAD, "threading.Thread"),
            Map.entry(Kind.SOCKET, "s = socket"),
            Map.entry(Kind.SUBPROCESS, "subprocess.run"),
            Map.entry(Kind.SYS_PATH, "sys.path.insert"),
            Map.entry(Kind.SYS_MODULES, "sys.modules["),
            Map.entry(Kind.BUILTINS, "builtins."),
            Map.entry(Kind.MODULE_ATTRIBUTE, "json.effect_attribute"),
            Map.entry(Kind.META_PATH, "sys.meta_path"),
            Map.entry(Kind.PATH_HOOKS, "sys.path_hooks"));
    List<SideEffect> plugin = effects.effects().stream().filter(e -> e.module().equals("pkg.plugin")).toList();
    expected.forEach(
        (kind, statement) ->
            assertThat(plugin)
                .as(kind + " in " + plugin)
                .anySatisfy(
                    e -> {
                      assertThat(e.kind()).isEqualTo(kind);
                      assertThat(e.line()).isEqualTo(lineOf(statement));
                      assertThat(e.file()).endsWith("pkg/plugin.py");
                      assertThat(e.stdlib()).isFalse();
                    }));
    assertThat(plugin)
        .filteredOn(e -> e.kind() == Kind.REGISTRY)
        .extracting(SideEffect::detail)
        .containsExactly("pkg.registry.PLUGINS grew 0 -> 1");
    assertThat(plugin)
        .filteredOn(e -> e.kind() == Kind.FILE_WRITE)
        .extracting(SideEffect::detail)
        .containsExactly("open('" + temp.resolve("written.txt") + "', 'w')");
    // The package's own binding of its submodules, and the registry module, are not side effects.
    assertThat(effects.effects()).noneMatch(e -> e.module().startsWith("pkg") && !e.module().equals("pkg.plugin"));
  }

  @Test
  void whatMovesIsTheEffectsOfTheFreedModules() throws IOException {
    SideEffects effects = record("3.11", project(), new Target.Module("pkg"));

    assertThat(effects.moving(List.of("pkg.plugin"))).hasSize(effects.effects().stream()
        .filter(e -> e.module().equals("pkg.plugin")).toList().size()).isNotEmpty();
    assertThat(effects.moving(List.of("pkg.registry"))).isEmpty();
  }

  @Test
  void aTargetThatCrashesKeepsTheEffectsBeforeTheCrash() throws IOException {
    Path dir = project();
    Files.writeString(
        dir.resolve("pkg/plugin.py"),
        "import os\nos.environ['EFFECT_FLAG'] = '1'\nraise RuntimeError('broken plugin')\n");
    SideEffects effects = record("3.11", dir, new Target.Module("pkg"));

    assertThat(effects.complete()).isFalse();
    assertThat(effects.problem()).contains("exit 1").contains("RuntimeError: broken plugin");
    assertThat(effects.effects())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.ENVIRON);
              assertThat(e.where()).endsWith("pkg/plugin.py:2");
            });
  }

  @Test
  void aTargetThatExitsWithAStatusIsCompleteAndStillTraced() throws IOException {
    Path dir = project();
    SideEffects effects = record("3.11", dir, new Target.Code("import pkg, sys; sys.exit(3)"));

    assertThat(effects.complete()).as(effects.problem()).isTrue();
    assertThat(effects.problem()).isNull();
    assertThat(effects.effects())
        .filteredOn(e -> e.kind() == Kind.REGISTRY)
        .extracting(SideEffect::line)
        .containsExactly(lineOf("registry.register"));
  }

  @Test
  void python37HasNoAuditHooksButStillSeesWrappedAndComparedEffects() throws IOException {
    SideEffects effects = record("3.7", project(), new Target.Module("pkg"));

    assertThat(effects.complete()).as(effects.problem()).isTrue();
    assertThat(effects.auditHooks()).isFalse();
    assertThat(effects.effects()).extracting(SideEffect::kind).doesNotContain(Kind.FILE_WRITE, Kind.SOCKET, Kind.ENVIRON);
    assertThat(effects.effects())
        .filteredOn(e -> e.module().equals("pkg.plugin"))
        .extracting(SideEffect::kind)
        .contains(Kind.SIGNAL, Kind.ATEXIT, Kind.THREAD, Kind.REGISTRY, Kind.SYS_PATH);
  }

  @Test
  void aCutLastLineEndsTheReadingWithoutLosingTheRest() {
    SideEffects read =
        SideEffects.parse(
            List.of(
                "{\"type\":\"start\",\"version\":[3,11,7],\"audit\":true}",
                "{\"type\":\"effect\",\"seq\":1,\"kind\":\"atexit\",\"detail\":\"atexit.register(f)\",\"module\":\"m\",\"file\":\"/m.py\",\"line\":3,\"via\":null,\"stdlib\":false}",
                "{\"type\":\"effect\",\"seq\":2,\"kind\":\"newer_kind\",\"detail\":\"x\",\"module\":\"m\",\"file\":null,\"line\":null}",
                "{\"type\":\"effect\",\"seq\":3,\"kind\":\"sig"));

    assertThat(read.complete()).isFalse();
    assertThat(read.problem()).contains("damaged");
    assertThat(read.effects()).singleElement().extracting(SideEffect::where).isEqualTo("/m.py:3");
  }
}

package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deferral hook on real interpreters, through the environment alone: the re-exports of a
 * package are not loaded at import, resolve on first access, a name used by the importer's own
 * body is reported with its line, a module loaded anyway is reported with who loaded it, and an
 * existing sitecustomize still runs.
 */
class DeferralTest {
  @TempDir Path tmp;

  private void project() throws IOException {
    Path pkg = Files.createDirectories(tmp.resolve("proj/pkg"));
    Files.writeString(pkg.resolve("__init__.py"), """
        from .heavy import Thing, make
        from .light import VALUE
        import json
        """);
    Files.writeString(pkg.resolve("heavy.py"), """
        import decimal
        class Thing:
            pass
        def make():
            return Thing()
        """);
    Files.writeString(pkg.resolve("light.py"), "VALUE = 3\n");
    Files.writeString(pkg.resolve("user.py"), """
        from .heavy import Thing
        COPY = Thing.__name__
        """);
    Path other = Files.createDirectories(tmp.resolve("othersite"));
    Files.writeString(other.resolve("sitecustomize.py"), "import os\nos.environ['CHAINED'] = 'yes'\n");
  }

  private record Out(int exit, String stdout, HookReport report) {}

  private Out run(String version, Deferral d, String code) throws Exception {
    return run(version, d, code, tmp.resolve("report-" + System.nanoTime() + ".jsonl"));
  }

  private Out run(String version, Deferral d, String code, Path report) throws Exception {
    Path python = Pythons.require(version);
    Path hook = Deferral.writeHook(tmp.resolve("hook"));
    List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", code));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.resolve("proj").toFile()).redirectErrorStream(true);
    Map<String, String> env = d.environment(hook, report);
    pb.environment().putAll(env);
    pb.environment().put("PYTHONPATH", env.get("PYTHONPATH") + ":" + tmp.resolve("othersite") + ":" + tmp.resolve("proj"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Out(p.waitFor(), out, report == null ? HookReport.EMPTY : HookReport.read(report));
  }

  private static Deferral heavy(String version) {
    Deferral.Mode mode = version.equals("3.15") ? Deferral.Mode.NATIVE : Deferral.Mode.EMULATED;
    return new Deferral(List.of(new Deferral.Rule("pkg", "pkg.heavy")), mode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.8", "3.11", "3.12", "3.14", "3.15"})
  void reexportIsNotLoadedUntilFirstAccess(String version) throws Exception {
    project();
    Out o = run(version, heavy(version), """
        import sys, os, pkg
        print('at-import', 'pkg.heavy' in sys.modules, 'decimal' in sys.modules, pkg.VALUE)
        print('chained', os.environ.get('CHAINED'))
        t = pkg.make()
        print('after-use', 'pkg.heavy' in sys.modules, type(t).__name__, type(t) is pkg.Thing)
        from pkg import Thing
        print('from', Thing is pkg.Thing, 'Thing' in dir(pkg))
        """);
    assertThat(o.stdout()).contains("at-import False False 3", "chained yes", "after-use True Thing True", "from True True");
    assertThat(o.exit()).isZero();
    assertThat(o.report().deferred()).singleElement().satisfies(d -> {
      assertThat(d.importer()).isEqualTo("pkg");
      assertThat(d.site().line()).isEqualTo(1);
      assertThat(d.site().text()).isEqualTo("from .heavy import Thing, make");
    });
    assertThat(o.report().loaded()).singleElement().satisfies(l -> assertThat(l.module()).isEqualTo("pkg.heavy"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.11", "3.14", "3.15"})
  void anotherImporterLoadingTheModuleIsReportedWithItsLine(String version) throws Exception {
    project();
    Out o = run(version, heavy(version), "import pkg.user, sys\nprint('heavy' , 'pkg.heavy' in sys.modules)");
    assertThat(o.stdout()).contains("heavy True");
    assertThat(o.report().loaded()).singleElement().satisfies(l -> {
      assertThat(l.module()).isEqualTo("pkg.heavy");
      assertThat(l.chain().getLast().file()).endsWith("user.py");
      assertThat(l.chain().getLast().line()).isEqualTo(1);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.8", "3.11", "3.14"})
  void aNameUsedByTheImportersOwnBodyIsReportedDuringImport(String version) throws Exception {
    project();
    Files.writeString(tmp.resolve("proj/pkg/__init__.py"), """
        from .heavy import Thing, make
        DEFAULT = make()
        """);
    Out o = run(version, heavy(version), "import pkg\nprint(type(pkg.DEFAULT).__name__)");
    assertThat(o.stdout()).contains("Thing");
    assertThat(o.report().used()).first().satisfies(u -> {
      assertThat(u.during()).isTrue();
      assertThat(u.name()).isEqualTo("make");
      assertThat(u.site().line()).isEqualTo(2);
      assertThat(u.site().text()).isEqualTo("DEFAULT = make()");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.11", "3.14"})
  void aDeferredSubmoduleOfThePackageItselfResolvesOnFirstAccess(String version) throws Exception {
    project();
    // `from . import heavy` in pkg: running it for real asks pkg for `heavy` first (hasattr), which
    // must not re-enter the deferred name's resolution.
    Files.writeString(tmp.resolve("proj/pkg/__init__.py"), "from . import heavy\nfrom .light import VALUE\n");
    Out o = run(version, heavy(version), "import sys, pkg\nprint('at-import', 'pkg.heavy' in sys.modules)\n"
        + "print('use', pkg.heavy.make().__class__.__name__, pkg.heavy is sys.modules['pkg.heavy'])");
    assertThat(o.stdout()).contains("at-import False", "use Thing True");
    assertThat(o.exit()).as(o.stdout()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.11", "3.15"})
  void noRulesChangesNothing(String version) throws Exception {
    project();
    Out o = run(version, Deferral.none(heavy(version).mode()), "import sys, pkg\nprint('heavy', 'pkg.heavy' in sys.modules)");
    assertThat(o.stdout()).contains("heavy True");
    assertThat(o.report()).isEqualTo(HookReport.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.11", "3.14", "3.15"})
  void aTimedRunOfTheDeferredSideLoadsNoModuleTheUnchangedSideDoesNot(String version) throws Exception {
    // What the hook itself imports on one side only (linecache and tokenize for a source line cost
    // about 2 ms) would be counted against the saving being measured.
    project();
    String code = """
        import sys, pkg
        pkg.make()
        print(' '.join(sorted(sys.modules)))
        """;
    Out unchanged = run(version, Deferral.none(heavy(version).mode()), code, null);
    Out deferred = run(version, heavy(version), code, null);
    assertThat(unchanged.exit()).as(unchanged.stdout()).isZero();
    assertThat(deferred.exit()).as(deferred.stdout()).isZero();
    List<String> before = List.of(unchanged.stdout().strip().split(" "));
    List<String> after = List.of(deferred.stdout().strip().split(" "));
    assertThat(after).contains("pkg.heavy", "decimal");
    assertThat(before).containsAll(after);
  }
}

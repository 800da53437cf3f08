package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** record_imports.py on every installed Python 3.7-3.15 (absent ones are skipped). */
class RecordImportsTest {
  @TempDir Path temp;

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void recordsStatementsImportModuleProbesAndPth(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path out = temp.resolve("imports.jsonl");
    TestProject.Result plain = project.plain("main.py", "x");
    TestProject.Result recorded = project.recorded(out, "main.py", "x");
    assertThat(plain.out()).contains("pth True");
    assertThat(recorded).isEqualTo(plain);

    ImportLog log = ImportLog.read(out);
    assertThat(log.complete()).isTrue();
    assertThat(log.calls())
        .anySatisfy(
            c -> {
              assertThat(c.importer()).isEqualTo("__main__");
              assertThat(c.name()).isEqualTo("pkg.sub");
              assertThat(c.line()).isEqualTo(3);
              assertThat(c.modules())
                  .containsExactly(
                      new ImportLog.Concerned("pkg", "parent", false, true),
                      new ImportLog.Concerned("pkg.sub", "target", false, true));
            });
    assertThat(log.loads())
        .anySatisfy(
            l -> {
              assertThat(l.name()).isEqualTo("pkg.task");
              assertThat(l.importer()).isEqualTo("pkg");
              assertThat(l.file()).endsWith("pkg/__init__.py");
              assertThat(l.line()).isEqualTo(1);
            });
    assertThat(log.calls())
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo("import_module");
              assertThat(c.importer()).isEqualTo("__main__");
              assertThat(c.line()).isEqualTo(4);
              assertThat(c.modules()).extracting(ImportLog.Concerned::name).contains("pkg.util");
            });
    assertThat(log.calls())
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("not_there_xyz");
              assertThat(c.ok()).isFalse();
              assertThat(c.error()).isIn("ModuleNotFoundError", "ImportError");
            });
    // The .pth line ran under site, after the hooks went in, with the .pth file as its site.
    assertThat(log.loads())
        .anySatisfy(
            l -> {
              assertThat(l.name()).isEqualTo("pthmod");
              assertThat(l.importer()).isEqualTo("site");
              assertThat(l.file()).endsWith("coldstart_probe.pth");
              assertThat(l.line()).isEqualTo(1);
              assertThat(l.statement()).isEqualTo("import pthmod");
            });
    assertThat(log.calls())
        .anySatisfy(
            c -> {
              assertThat(c.importer()).isEqualTo("__main__");
              assertThat(c.name()).isEqualTo("pthmod");
              assertThat(c.modules().get(0).before()).isTrue();
            });
    assertThat(log.modules())
        .anySatisfy(m -> assertThat(m.name()).isEqualTo("heavy"))
        .anySatisfy(
            m -> {
              assertThat(m.name()).isEqualTo("_json");
              // An extension module, except where the build links it in (python-next's 3.14, 3.15).
              assertThat(m.kind()).isIn("extension", "builtin");
              assertThat(m.isExtension()).isEqualTo(m.file() != null);
            });
    assertThat(log.lines()).containsValue("from .task import Task");
  }

  /** CPython 3.14's -X importtime=2 prints cached rows on stderr: the record must not change. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"3.14.10", "3.15.2"})
  void theRecordIsByteIdenticalUnderImportTime2(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path plain = temp.resolve("plain.jsonl");
    Path two = temp.resolve("two.jsonl");
    TestProject.Result a = project.recorded(plain, "main.py", "x");
    TestProject.Result b = project.recordedWith(List.of("-X", "importtime=2"), two, "main.py", "x");
    assertThat(b.err()).contains("import time: cached    | cached     |");
    assertThat(b.out()).isEqualTo(a.out());
    assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(plain));
  }

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void tracebackAndExitStatusAreTheTargets(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path out = temp.resolve("imports.jsonl");
    TestProject.Result plain = project.plain("main.py", "fail");
    TestProject.Result recorded = project.recorded(out, "main.py", "fail");
    assertThat(plain.exit()).isEqualTo(1);
    assertThat(plain.err()).contains("KeyError: 'boom'").contains("in explode");
    assertThat(recorded).isEqualTo(plain);
    ImportLog failed = ImportLog.read(out);
    assertThat(failed.complete()).isTrue();
    assertThat(failed.loads())
        .anySatisfy(
            l -> {
              assertThat(l.name()).isEqualTo("boom");
              assertThat(l.ok()).isFalse();
              assertThat(l.error()).isEqualTo("KeyError");
            });

    assertThat(project.recorded(out, "main.py", "exit")).isEqualTo(project.plain("main.py", "exit"));
    assertThat(project.plain("main.py", "exit").exit()).isEqualTo(3);
    assertThat(ImportLog.read(out).complete()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void importsOfAtexitHandlersUpdateTheFirstEnd(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path out = temp.resolve("imports.jsonl");
    String code =
        "import atexit, sys\n"
            + "def bye():\n"
            + "    del sys.modules['pkg.sub']\n"
            + "    import pkg.util\n"
            + "    print('bye', 'pkg.util' in sys.modules)\n"
            + "atexit.register(bye)\n"
            + "import pkg.sub\n";
    assertThat(project.recorded(out, "-c", code)).isEqualTo(project.plain("-c", code));

    List<String> ends =
        Files.readAllLines(out).stream().filter(l -> l.contains("\"type\":\"end\"")).toList();
    assertThat(ends).hasSize(2);
    assertThat(ends.get(0)).contains("\"reason\":\"return\"").contains("\"name\":\"pkg.sub\"");
    // The second end lists only what changed since the first.
    assertThat(ends.get(1))
        .contains("\"reason\":\"atexit\",\"update\":true")
        .contains("\"gone\":[\"pkg.sub\"]")
        .contains("\"name\":\"pkg.util\"")
        .doesNotContain("\"name\":\"pkg.task\"");
    ImportLog log = ImportLog.read(out);
    assertThat(log.complete()).isTrue();
    assertThat(log.modules()).extracting(ImportLog.LoadedModule::name)
        .contains("pkg", "pkg.task", "heavy", "pkg.util", "atexit")
        .doesNotContain("pkg.sub")
        .doesNotHaveDuplicates();
    assertThat(log.loads()).anySatisfy(l -> assertThat(l.name()).isEqualTo("pkg.util"));
  }

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void aRunEndedByOsExitKeepsItsRecords(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path out = temp.resolve("imports.jsonl");
    String code = "import os, pkg; print('going'); os._exit(5)";
    TestProject.Result recorded = project.recorded(out, "-c", code);
    assertThat(recorded).isEqualTo(project.plain("-c", code));
    assertThat(recorded.exit()).isEqualTo(5);
    ImportLog log = ImportLog.read(out);
    assertThat(log.complete()).isFalse();
    assertThat(log.loads()).anySatisfy(l -> assertThat(l.name()).isEqualTo("heavy"));
    assertThat(log.calls()).anySatisfy(c -> assertThat(c.name()).isEqualTo("pkg"));
  }

  @ParameterizedTest
  @MethodSource("dev.coldstart.explain.TestProject#versions")
  void codeAndModuleTargetsBehaveAsWithoutTheRecorder(String version) throws IOException {
    TestProject project = TestProject.create(temp, version);
    Path out = temp.resolve("imports.jsonl");
    String code = "import sys, pkg; print(sys.argv, repr(sys.path[0]), __name__, pkg.Task)";
    assertThat(project.recorded(out, "-c", code, "a")).isEqualTo(project.plain("-c", code, "a"));
    assertThat(ImportLog.read(out).loads()).anySatisfy(l -> assertThat(l.name()).isEqualTo("heavy"));
    assertThat(project.recorded(out, "-m", "pkg.task", "b"))
        .isEqualTo(project.plain("-m", "pkg.task", "b"));
    assertThat(project.recorded(out, "-c", "import")).isEqualTo(project.plain("-c", "import"));
    assertThat(project.recorded(out, "-m", "no_such_mod"))
        .isEqualTo(project.plain("-m", "no_such_mod"));
  }
}
